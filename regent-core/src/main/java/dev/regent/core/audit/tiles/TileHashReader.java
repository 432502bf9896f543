package dev.regent.core.audit.tiles;

import dev.regent.core.audit.merkle.Hash;
import java.util.List;

/**
 * Reads the audit tree's stored hashes in the C2SP tlog-tiles arrangement: at tile level 0 the leaf hashes, at level
 * L the roots of the complete subtrees of 256^L leaves, each level numbered from 0 at the left.
 */
public interface TileHashReader {
    /** The stored hashes of tile level {@code level} with indexes {@code from} (inclusive) to {@code to} (exclusive), in order. */
    List<Hash> tileHashes(int level, long from, long to);
}
