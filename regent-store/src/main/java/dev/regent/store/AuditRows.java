package dev.regent.store;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The append-only audit log: audit_log rows, their before/after fields and evidence links. Sequence numbers
 * come from the one-row audit_head counter, updated in the appending transaction: its write lock serialises
 * appenders, and a rollback takes the number back, so committed entries are numbered 1, 2, 3… without gaps.
 */
final class AuditRows {
    private static final String COLUMNS = "seq, at, actor, action, target, outcome, reason";

    private final Sql sql;

    AuditRows(Sql sql) {
        this.sql = sql;
    }

    AuditEntry append(AuditEntry draft) {
        sql.update("UPDATE audit_head SET seq = seq + 1 WHERE id = 1");
        long seq = sql.first("SELECT seq FROM audit_head WHERE id = 1", rs -> rs.getLong(1))
                .orElseThrow(() -> new IllegalStateException("audit_head has no row: the schema was not migrated"));
        AuditEntry entry = draft.withSeq(seq);
        sql.guardedUpdate(() -> "audit entry " + seq + " already exists: the audit log and its counter disagree",
                "INSERT INTO audit_log (seq, at, actor, action, target, model, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                seq, entry.at().toEpochMilli(), entry.actor().name(), entry.action().wireName(), entry.target(),
                AuditTarget.modelOf(entry.target()), entry.outcome().name(), entry.reason());
        List<Object[]> fields = new ArrayList<>();
        entry.before().forEach((k, v) -> fields.add(new Object[] {seq, "before", k, v}));
        entry.after().forEach((k, v) -> fields.add(new Object[] {seq, "after", k, v}));
        sql.batch("INSERT INTO audit_fields (seq, side, name, value) VALUES (?, ?, ?, ?)", fields);
        List<Object[]> evidence = new ArrayList<>();
        for (int i = 0; i < entry.evidence().size(); i++) {
            evidence.add(new Object[] {seq, i, entry.evidence().get(i)});
        }
        sql.batch("INSERT INTO audit_evidence (seq, position, link) VALUES (?, ?, ?)", evidence);
        // the leaf hash is cached in the same transaction, so an entry never exists without it
        sql.update("INSERT INTO audit_leaves (seq, hash) VALUES (?, ?)", seq,
                TreeHasher.leaf(AuditEncoding.encode(entry)).bytes());
        return entry;
    }

    List<AuditEntry> entries(AuditQuery query) {
        // the filters are fixed SQL text; their values are only ever bound
        StringBuilder where = new StringBuilder("seq > ? AND seq < ?");
        List<Object> bound = new ArrayList<>(List.of(query.afterSeq(), query.beforeSeq()));
        if (query.model() != null) {
            where.append(" AND model = ?");
            bound.add(query.model().value());
        }
        if (query.actor() != null) {
            where.append(" AND actor = ?");
            bound.add(query.actor().name());
        }
        if (query.action() != null) {
            where.append(" AND action = ?");
            bound.add(query.action().wireName());
        }
        bound.add(query.limit());
        String order = query.newestFirst() ? " ORDER BY seq DESC" : " ORDER BY seq";
        String page = "SELECT seq FROM audit_log WHERE " + where + order + " LIMIT ?";
        Object[] args = bound.toArray();
        List<AuditEntry> heads = sql.list("SELECT " + COLUMNS + " FROM audit_log WHERE seq IN (" + page + ")" + order,
                rs -> new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), Principal.of(rs.getString(3)),
                        AuditAction.fromWireName(rs.getString(4)), rs.getString(5), AuditOutcome.valueOf(rs.getString(6)),
                        rs.getString(7), null, null, null),
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
        List<AuditEntry> out = new ArrayList<>(heads.size());
        for (AuditEntry h : heads) {
            out.add(new AuditEntry(h.seq(), h.at(), h.actor(), h.action(), h.target(), h.outcome(), h.reason(),
                    before.get(h.seq()), after.get(h.seq()), evidence.get(h.seq())));
        }
        return out;
    }
}
