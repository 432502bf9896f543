package dev.regent.store;

import dev.regent.core.audit.AuditBounds;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditLink;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.error.RegentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to the audit log. An entry is its canonical bytes (audit_entries, the exact leaf input), linked to the
 * previous entry of its model; the structured columns, audit_fields and audit_evidence are indexes derived from the
 * same entry, written in the same statement group. Sequence numbers come from the one-row audit_head counter,
 * updated in the appending transaction: its write lock serialises appenders (and so the per-model heads), and a
 * rollback takes the number back, so committed entries are numbered 1, 2, 3… without gaps.
 */
final class AuditRows {
    private final Sql sql;

    AuditRows(Sql sql) {
        this.sql = sql;
    }

    AuditEntry append(AuditEntry draft) {
        boolean postgres = sql.dialect() instanceof PostgresDialect;
        // PostgreSQL: the counter and the model's previous entry in one round trip, since every round trip between
        // taking the counter's row lock and the commit is time every other appender waits (≈ 8 of them before)
        long[] counted = new long[1];
        AuditLink[] linked = new AuditLink[1];
        String model0 = AuditTarget.modelOf(draft.target());
        if (postgres) {
            sql.first("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, (SELECT h.seq FROM audit_model_heads h"
                    + " WHERE h.model = ?), (SELECT l.hash FROM audit_model_heads h JOIN audit_leaves l ON l.seq = h.seq"
                    + " WHERE h.model = ?)", rs -> {
                        counted[0] = rs.getLong(1);
                        long previousSeq = rs.getLong(2);
                        byte[] previousLeaf = rs.getBytes(3);
                        linked[0] = previousLeaf == null ? null : new AuditLink(previousSeq, Hash.of(previousLeaf));
                        return Boolean.TRUE;
                    }, model0, model0);
        } else {
            counted[0] = sql.first("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq", rs -> rs.getLong(1))
                    .orElseThrow(() -> new IllegalStateException("audit_head has no row: the schema was not migrated"));
        }
        if (counted[0] == 0) {
            throw new IllegalStateException("audit_head has no row: the schema was not migrated");
        }
        long seq = counted[0];
        AuditEntry entry = AuditBounds.fit(draft.withSeq(seq));
        String model = AuditTarget.modelOf(entry.target());
        AuditLink previous = postgres ? linked[0] : sql.first("SELECT h.seq, l.hash FROM audit_model_heads h JOIN audit_leaves l"
                + " ON l.seq = h.seq WHERE h.model = ?", rs -> new AuditLink(rs.getLong(1), Hash.of(rs.getBytes(2))), model).orElse(null);
        byte[] bytes = AuditEncoding.encode(entry, previous);
        if (bytes.length > AuditEncoding.MAX_BYTES) {
            // AuditBounds keeps entries well below this; reaching it means an unbounded input slipped through
            throw RegentException.invalid("the audit entry of this change would be " + bytes.length + " bytes; the limit is "
                    + AuditEncoding.MAX_BYTES + " (a tlog-tiles entry): shorten the reason or the values");
        }
        List<Object[]> fields = new ArrayList<>();
        entry.before().forEach((k, v) -> fields.add(new Object[] {seq, "before", k, v}));
        entry.after().forEach((k, v) -> fields.add(new Object[] {seq, "after", k, v}));
        List<Object[]> evidence = new ArrayList<>();
        for (int i = 0; i < entry.evidence().size(); i++) {
            evidence.add(new Object[] {seq, i, entry.evidence().get(i)});
        }
        Object[] log = {seq, entry.at().toEpochMilli(), entry.actor().name(), entry.action().wireName(), entry.target(),
                model, entry.outcome().name(), entry.reason()};
        byte[] leaf = TreeHasher.leaf(bytes).bytes();
        if (postgres) {
            insertAtOnce(log, bytes, fields, evidence, leaf, model);
        } else {
            sql.guardedUpdate(() -> "audit entry " + seq + " already exists: the audit log and its counter disagree",
                    "INSERT INTO audit_log (seq, at, actor, action, target, model, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    log);
            sql.update("INSERT INTO audit_entries (seq, entry) VALUES (?, ?)", seq, bytes);
            sql.batch("INSERT INTO audit_fields (seq, side, name, value) VALUES (?, ?, ?, ?)", fields);
            sql.batch("INSERT INTO audit_evidence (seq, position, link) VALUES (?, ?, ?)", evidence);
            // the leaf hash is cached in the same transaction, so an entry never exists without it
            sql.update("INSERT INTO audit_leaves (seq, hash) VALUES (?, ?)", seq, leaf);
        }
        new TileHashRows(sql, false).grow(seq - 1);
        if (!postgres) {
            sql.update("INSERT INTO audit_model_heads (model, seq) VALUES (?, ?) ON CONFLICT (model) DO UPDATE SET seq = excluded.seq",
                    model, seq);
        }
        return entry;
    }

    /**
     * PostgreSQL: the entry's rows in every table (log, bytes, fields, evidence, cached leaf, the model's newest entry)
     * in one statement, one round trip, instead of one each. Foreign keys are checked at the end of the statement, so
     * the rows that reference audit_log may be inserted beside it.
     */
    private void insertAtOnce(Object[] log, byte[] bytes, List<Object[]> fields, List<Object[]> evidence, byte[] leaf,
                              String model) {
        long seq = (Long) log[0];
        List<Object> args = new ArrayList<>(List.of(log));
        StringBuilder text = new StringBuilder("WITH l AS (INSERT INTO audit_log (seq, at, actor, action, target, model, outcome,"
                + " reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)), e AS (INSERT INTO audit_entries (seq, entry) VALUES (?, ?)),"
                + " lf AS (INSERT INTO audit_leaves (seq, hash) VALUES (?, ?))");
        args.addAll(List.of(seq, bytes, seq, leaf));
        rows(text, "f", "audit_fields (seq, side, name, value)", fields, args);
        rows(text, "ev", "audit_evidence (seq, position, link)", evidence, args);
        text.append(" INSERT INTO audit_model_heads (model, seq) VALUES (?, ?) ON CONFLICT (model) DO UPDATE SET seq = excluded.seq");
        args.add(model);
        args.add(seq);
        sql.guardedUpdate(() -> "audit entry " + seq + " already exists: the audit log and its counter disagree",
                text.toString(), args.toArray());
    }

    private static void rows(StringBuilder text, String name, String table, List<Object[]> rows, List<Object> args) {
        if (rows.isEmpty()) {
            return;
        }
        text.append(", ").append(name).append(" AS (INSERT INTO ").append(table).append(" VALUES ");
        for (int i = 0; i < rows.size(); i++) {
            text.append(i == 0 ? "" : ", ").append("(").append("?, ".repeat(rows.get(i).length - 1)).append("?)");
            args.addAll(List.of(rows.get(i)));
        }
        text.append(")");
    }
}
