package dev.regent.core.audit.tiles;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.audit.merkle.RootAccumulator;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;

/**
 * The tree of the first {@code size} entries computed from stored tile hashes instead of leaves: a range of leaves
 * splits into at most 2·64 aligned complete subtrees, each of which is one stored hash (its height a multiple of 8)
 * or the root of at most 128 stored hashes one tile level down. So a root, an inclusion or a consistency proof reads
 * O(log N) stored hashes whatever the log's length (Go's sumdb/tlog does the same over its tiles).
 */
public final class StoredTree implements ProofBuilder.Subtrees {
    private final TileHashReader reader;
    private final long size;

    public StoredTree(TileHashReader reader, long size) {
        this.reader = reader;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Hash subtree(long from, long to) {
        if (from < 0 || to > size || from >= to) {
            throw new IllegalArgumentException("no range " + from + ".." + to + " in a tree of " + size);
        }
        // [from, to) as aligned complete subtrees, left to right; the RFC 6962 hash folds them from the right
        List<Hash> parts = new ArrayList<>();
        long lo = from;
        while (lo < to) {
            int h = lo == 0 ? 62 : Long.numberOfTrailingZeros(lo);
            while ((1L << h) > to - lo) {
                h--;
            }
            parts.add(complete(h, lo >>> h));
            lo += 1L << h;
        }
        Hash root = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            root = TreeHasher.node(parts.get(i), root);
        }
        return root;
    }

    /** The root of the tree of the first {@code size} leaves. */
    public Hash root() {
        return size == 0 ? TreeHasher.EMPTY_ROOT : subtree(0, size);
    }

    /** The hash of the complete subtree of height {@code height} that is the {@code index}-th of its height. */
    private Hash complete(int height, long index) {
        int level = height / Tiles.HEIGHT;
        int below = height % Tiles.HEIGHT;
        long from = index << below;
        long to = (index + 1) << below;
        List<Hash> hashes = reader.tileHashes(level, from, to);
        if (hashes.size() != to - from) {
            throw new IllegalStateException("the stored tree lacks hashes " + from + ".." + (to - 1) + " of tile level " + level);
        }
        if (hashes.size() == 1) {
            return hashes.get(0);
        }
        RootAccumulator acc = new RootAccumulator();
        hashes.forEach(acc::add);
        return acc.root();
    }
}
