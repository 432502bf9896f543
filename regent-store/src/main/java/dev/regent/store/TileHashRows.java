package dev.regent.store;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.RootAccumulator;
import dev.regent.core.audit.tiles.TileHashReader;
import dev.regent.core.audit.tiles.Tiles;
import java.util.List;

/**
 * The audit tree's stored hashes by tile level: level 0 is audit_leaves (leaf index i is entry i + 1), level L ≥ 1
 * is audit_tile_hashes. {@link #grow} runs in the append transaction, right after the new leaf is cached: when the
 * leaf completes a tile, the tile's root goes one level up, and so on — one tile read per 256 appends on average.
 */
final class TileHashRows implements TileHashReader {
    private final Sql sql;

    TileHashRows(Sql sql) {
        this.sql = sql;
    }

    /** Records the roots of the tiles that leaf {@code index} (0-based) completes. */
    void grow(long index) {
        long i = index;
        int level = 0;
        while (i % Tiles.WIDTH == Tiles.WIDTH - 1) {
            List<Hash> tile = tileHashes(level, i - (Tiles.WIDTH - 1), i + 1);
            if (tile.size() != Tiles.WIDTH) {
                throw new IllegalStateException("tile level " + level + " lacks hashes below " + i + ": the stored tree is incomplete");
            }
            RootAccumulator root = new RootAccumulator();
            tile.forEach(root::add);
            i /= Tiles.WIDTH;
            level++;
            sql.update("INSERT INTO audit_tile_hashes (level, idx, hash) VALUES (?, ?, ?)", level, i, root.root().bytes());
        }
    }

    @Override
    public List<Hash> tileHashes(int level, long from, long to) {
        if (to <= from) {
            return List.of();
        }
        if (level == 0) {
            // leaves numbered from 0 are entries numbered from 1; a missing entry would shift them, so require each
            List<long[]> seen = new java.util.ArrayList<>();
            List<Hash> leaves = sql.list("SELECT seq, hash FROM audit_leaves WHERE seq > ? AND seq <= ? ORDER BY seq", rs -> {
                seen.add(new long[] {rs.getLong(1)});
                return Hash.of(rs.getBytes(2));
            }, from, to);
            for (int k = 0; k < seen.size(); k++) {
                if (seen.get(k)[0] != from + 1 + k) {
                    return leaves.subList(0, k);
                }
            }
            return leaves;
        }
        return sql.list("SELECT hash FROM audit_tile_hashes WHERE level = ? AND idx >= ? AND idx < ? ORDER BY idx",
                rs -> Hash.of(rs.getBytes(1)), level, from, to);
    }
}
