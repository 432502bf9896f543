package dev.regent.core.audit.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.audit.merkle.RootAccumulator;
import dev.regent.core.audit.merkle.TreeHasher;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Roots and proofs from stored tile hashes are the ones computed from every leaf, and read O(log N) hashes. */
class StoredTreeTest {
    private static final int N = 70_000; // past 256^2, so three tile levels are used

    private final MemoryLeaves leaves = new MemoryLeaves();
    private final List<List<Hash>> levels = new ArrayList<>();
    private final AtomicLong reads = new AtomicLong();
    private final TileHashReader reader = (level, from, to) -> {
        List<Hash> stored = level < levels.size() ? levels.get(level) : List.of();
        List<Hash> out = new ArrayList<>();
        for (long i = from; i < to && i < stored.size(); i++) {
            out.add(stored.get((int) i));
        }
        reads.addAndGet(out.size());
        return out;
    };

    StoredTreeTest() {
        levels.add(new ArrayList<>());
        for (int i = 0; i < N; i++) {
            Hash leaf = TreeHasher.leaf(ByteBuffer.allocate(4).putInt(i).array());
            leaves.add(leaf);
            levels.get(0).add(leaf);
            // what the store does on append: each completed tile's root goes one level up
            long index = i;
            int level = 0;
            while (index % Tiles.WIDTH == Tiles.WIDTH - 1) {
                RootAccumulator acc = new RootAccumulator();
                levels.get(level).subList((int) index - 255, (int) index + 1).forEach(acc::add);
                if (levels.size() == level + 1) {
                    levels.add(new ArrayList<>());
                }
                levels.get(level + 1).add(acc.root());
                index /= Tiles.WIDTH;
                level++;
            }
        }
    }

    @Test
    void rootsAndProofsMatchTheOnesFromEveryLeaf() {
        ProofBuilder full = new ProofBuilder(leaves);
        long[] sizes = {1, 2, 255, 256, 257, 511, 512, 65_536, 65_537, N};
        for (long size : sizes) {
            StoredTree tree = new StoredTree(reader, size);
            assertThat(tree.root()).as("root of " + size).isEqualTo(full.root(size));
            ProofBuilder stored = new ProofBuilder(tree);
            for (long index : new long[] {size / 3, size - 1}) {
                assertThat(stored.inclusion(index, size).path()).as(index + " in " + size)
                        .isEqualTo(full.inclusion(index, size).path());
            }
            for (long old : new long[] {size / 2, size - 1}) {
                if (old >= 1 && old <= size) {
                    assertThat(stored.consistency(old, size).path()).as(old + " to " + size)
                            .isEqualTo(full.consistency(old, size).path());
                }
            }
        }
    }

    @Test
    void aRootReadsLogarithmicallyManyHashes() {
        reads.set(0);
        new StoredTree(reader, N).root();
        assertThat(reads.get()).as("hashes read for the root of " + N).isLessThan(3 * Tiles.WIDTH);
        reads.set(0);
        new ProofBuilder(new StoredTree(reader, N)).inclusion(12_345, N);
        assertThat(reads.get()).isLessThan(4 * Tiles.WIDTH);
    }

    @Test
    void aMissingStoredHashIsNamedNotGuessed() {
        levels.get(1).subList(100, levels.get(1).size()).clear();
        assertThatThrownBy(() -> new StoredTree(reader, N).root()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tile level 1");
    }
}
