package dev.regent.core.audit.tiles;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.RootAccumulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The tiles of leaves held in memory (verification's recomputed leaves): level 0 is the leaves, level L the roots of
 * the complete subtrees of 256^L leaves, computed once (about N node hashes). A {@link StoredTree} over them answers
 * every root and consistency proof verification needs in O(log N) hashes instead of rehashing up to N leaves each.
 */
public final class MemoryTiles implements TileHashReader {
    private final MemoryLeaves leaves;
    private final List<List<Hash>> levels = new ArrayList<>();

    public MemoryTiles(MemoryLeaves leaves) {
        this.leaves = leaves;
        long width = leaves.size();
        TileHashReader below = leaves::hashes;
        int level = 0;
        while (width >= Tiles.WIDTH) {
            long count = width / Tiles.WIDTH;
            List<Hash> up = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                RootAccumulator acc = new RootAccumulator();
                below.tileHashes(level, i * Tiles.WIDTH, (i + 1) * Tiles.WIDTH).forEach(acc::add);
                up.add(acc.root());
            }
            levels.add(up);
            int l = level + 1;
            below = (lv, from, to) -> levels.get(l - 1).subList((int) from, (int) to);
            level++;
            width = count;
        }
    }

    @Override
    public List<Hash> tileHashes(int level, long from, long to) {
        if (level == 0) {
            return leaves.hashes(level, from, to);
        }
        return levels.get(level - 1).subList((int) from, (int) to);
    }
}
