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
 *
 * <p>In a read-only transaction (a proof, a root, signing's snapshot) each tile is read whole, once, and the ranges
 * asked of it are served from that read: a proof at 1M entries asks for ~20 ranges that lie in a handful of tiles, and
 * on PostgreSQL each query is a round trip (≈ 5 ms a proof under load before, one query per range). A write
 * transaction reads what it asks for, since it may be adding to the tiles it reads.
 */
final class TileHashRows implements TileHashReader {
    private final Sql sql;
    private final java.util.Map<Long, Hash[]> tiles; // (level, tile) → its hashes by position (null: absent); null: no cache

    TileHashRows(Sql sql, boolean readOnly) {
        this.sql = sql;
        this.tiles = readOnly ? new java.util.HashMap<>() : null;
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
        long tile = from / Tiles.WIDTH;
        if (tiles == null || (to - 1) / Tiles.WIDTH != tile) {
            return read(level, from, to);
        }
        Hash[] whole = tiles.computeIfAbsent(tile * 64 + level, k -> wholeTile(level, tile));
        // as read(): the hashes from the first one on, up to the first absent (a caller counts them)
        List<Hash> out = new java.util.ArrayList<>((int) (to - from));
        for (long i = from; i < to && whole[(int) (i - tile * Tiles.WIDTH)] != null; i++) {
            out.add(whole[(int) (i - tile * Tiles.WIDTH)]);
        }
        return out;
    }

    /** A tile's hashes by position, each where its own index (seq, idx) puts it; absent ones null. */
    private Hash[] wholeTile(int level, long tile) {
        Hash[] whole = new Hash[Tiles.WIDTH];
        long from = tile * Tiles.WIDTH;
        if (level == 0) {
            sql.list("SELECT seq, hash FROM audit_leaves WHERE seq > ? AND seq <= ?", rs -> {
                whole[(int) (rs.getLong(1) - 1 - from)] = Hash.of(rs.getBytes(2));
                return null;
            }, from, from + Tiles.WIDTH);
        } else {
            sql.list("SELECT idx, hash FROM audit_tile_hashes WHERE level = ? AND idx >= ? AND idx < ?", rs -> {
                whole[(int) (rs.getLong(1) - from)] = Hash.of(rs.getBytes(2));
                return null;
            }, level, from, from + Tiles.WIDTH);
        }
        return whole;
    }

    private List<Hash> read(int level, long from, long to) {
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
