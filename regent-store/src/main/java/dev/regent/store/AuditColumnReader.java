package dev.regent.store;

import dev.regent.core.audit.AuditColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audit entries as their derived columns say (audit_log's structured columns, audit_fields, audit_evidence), never
 * from their bytes: what verification compares with the bytes, and what the migrations that predate the bytes
 * column (4.1, 8.1) read.
 */
final class AuditColumnReader {
    private final Sql sql;

    AuditColumnReader(Sql sql) {
        this.sql = sql;
    }

    /** Every entry in one sequential pass ({@link AuditScan}). */
    void scan(java.util.function.Consumer<dev.regent.core.audit.ScannedEntry> visitor) {
        AuditScan.run(sql, visitor);
    }

    /** The entries after {@code afterSeq} in sequence order, at most {@code limit}. */
    List<AuditColumns> page(long afterSeq, int limit) {
        String page = "SELECT seq FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?";
        Object[] args = {afterSeq, limit};
        List<AuditColumns> heads = sql.list("SELECT seq, at, actor, action, target, model, outcome, reason FROM audit_log"
                        + " WHERE seq IN (" + page + ") ORDER BY seq",
                rs -> new AuditColumns(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), null, null, null),
                args);
        if (heads.isEmpty()) {
            return List.of();
        }
        Map<Long, TreeMap<String, String>> before = new HashMap<>();
        Map<Long, TreeMap<String, String>> after = new HashMap<>();
        sql.list("SELECT seq, side, name, value FROM audit_fields WHERE seq IN (" + page + ")", rs -> {
            Map<Long, TreeMap<String, String>> side = "before".equals(rs.getString(2)) ? before : after;
            return side.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(3), rs.getString(4));
        }, args);
        Map<Long, List<String>> evidence = new HashMap<>();
        sql.list("SELECT seq, link FROM audit_evidence WHERE seq IN (" + page + ") ORDER BY seq, position",
                rs -> evidence.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2)), args);
        List<AuditColumns> out = new ArrayList<>(heads.size());
        for (AuditColumns h : heads) {
            out.add(new AuditColumns(h.seq(), h.at(), h.actor(), h.action(), h.target(), h.model(), h.outcome(), h.reason(),
                    before.get(h.seq()), after.get(h.seq()), evidence.get(h.seq())));
        }
        return out;
    }
}
