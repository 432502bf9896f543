package dev.regent.store;

import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.RootAccumulator;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Migration 8.1: stores the canonical bytes (encoding version 1, as they were hashed) of every entry appended
 * before V8, records each model's newest entry and the tile hashes of the tree so far. It refuses, and so stops the upgrade, when the log it would
 * freeze into bytes does not verify: a missing entry, an entry whose columns no longer give the leaf hash cached
 * when it was appended, a model column that is not its target's, or a tree whose root at the latest checkpoint's
 * size is not the root that checkpoint signed. An edited log is an incident to investigate, never something a
 * migration seals.
 */
final class AuditEntryBackfill extends JavaBackfill {
    AuditEntryBackfill(Dialect dialect) {
        super(dialect, "8.1", "audit entry bytes backfill");
    }

    @Override
    void backfill(Sql sql) {
        AuditColumnReader columns = new AuditColumnReader(sql);
        Optional<Map.Entry<Long, Hash>> checkpoint = sql.first("SELECT size, root FROM checkpoints ORDER BY size DESC LIMIT 1",
                rs -> Map.entry(rs.getLong(1), Hash.of(rs.getBytes(2))));
        long head = sql.first("SELECT seq FROM audit_head WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
        RootAccumulator tree = new RootAccumulator();
        Map<String, Long> heads = new LinkedHashMap<>();
        long after = 0;
        while (true) {
            List<AuditColumns> page = columns.page(after, AuditQuery.MAX_LIMIT);
            if (page.isEmpty()) {
                break;
            }
            Map<Long, Hash> cached = new HashMap<>();
            sql.list("SELECT seq, hash FROM audit_leaves WHERE seq > ? AND seq <= ?",
                    rs -> cached.put(rs.getLong(1), Hash.of(rs.getBytes(2))), after, page.get(page.size() - 1).seq());
            List<Object[]> rows = new ArrayList<>(page.size());
            for (AuditColumns c : page) {
                if (c.seq() != after + 1) {
                    throw refuse("entry " + (after + 1) + " is missing");
                }
                AuditEntry entry;
                try {
                    entry = c.entry();
                } catch (RuntimeException e) {
                    throw refuse("entry " + c.seq() + " does not parse: " + e.getMessage());
                }
                if (!c.model().equals(AuditTarget.modelOf(c.target()))) {
                    throw refuse("entry " + c.seq() + " is filed under model '" + c.model() + "' but its target is " + c.target());
                }
                byte[] bytes = AuditEncoding.encodeVersion1(entry);
                Hash leaf = TreeHasher.leaf(bytes);
                if (!leaf.equals(cached.get(c.seq()))) {
                    throw refuse("entry " + c.seq() + " differs from the leaf hash cached when it was appended: edited afterwards");
                }
                rows.add(new Object[] {c.seq(), bytes});
                heads.put(c.model(), c.seq());
                tree.add(leaf);
                if (checkpoint.isPresent() && tree.size() == checkpoint.get().getKey()
                        && !tree.root().equals(checkpoint.get().getValue())) {
                    throw refuse("the entries do not give the root the checkpoint of size " + tree.size() + " signed");
                }
                after = c.seq();
            }
            sql.batch("INSERT INTO audit_entries (seq, entry) VALUES (?, ?)", rows);
        }
        if (after != head) {
            throw refuse("the audit counter is at " + head + " but the last entry is " + after);
        }
        if (checkpoint.isPresent() && checkpoint.get().getKey() > after) {
            throw refuse("the latest checkpoint covers " + checkpoint.get().getKey() + " entries but the log holds " + after);
        }
        TileHashRows tiles = new TileHashRows(sql, false);
        for (long i = dev.regent.core.audit.tiles.Tiles.WIDTH - 1; i < after; i += dev.regent.core.audit.tiles.Tiles.WIDTH) {
            tiles.grow(i);
        }
        List<Object[]> headRows = new ArrayList<>();
        heads.forEach((model, seq) -> headRows.add(new Object[] {model, seq}));
        sql.batch("INSERT INTO audit_model_heads (model, seq) VALUES (?, ?)", headRows);
    }

    private static IllegalStateException refuse(String why) {
        return new IllegalStateException("migration 8.1 refuses to store the audit log's bytes: " + why
                + ". The log must verify before it is migrated: run `regent audit verify` with the previous version and "
                + "investigate (docs/audit.md).");
    }
}
