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
        long seq = sql.first("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq", rs -> rs.getLong(1))
                .orElseThrow(() -> new IllegalStateException("audit_head has no row: the schema was not migrated"));
        AuditEntry entry = AuditBounds.fit(draft.withSeq(seq));
        String model = AuditTarget.modelOf(entry.target());
        AuditLink previous = sql.first("SELECT h.seq, l.hash FROM audit_model_heads h JOIN audit_leaves l ON l.seq = h.seq"
                + " WHERE h.model = ?", rs -> new AuditLink(rs.getLong(1), Hash.of(rs.getBytes(2))), model).orElse(null);
        byte[] bytes = AuditEncoding.encode(entry, previous);
        if (bytes.length > AuditEncoding.MAX_BYTES) {
            // AuditBounds keeps entries well below this; reaching it means an unbounded input slipped through
            throw RegentException.invalid("the audit entry of this change would be " + bytes.length + " bytes; the limit is "
                    + AuditEncoding.MAX_BYTES + " (a tlog-tiles entry): shorten the reason or the values");
        }
        sql.guardedUpdate(() -> "audit entry " + seq + " already exists: the audit log and its counter disagree",
                "INSERT INTO audit_log (seq, at, actor, action, target, model, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                seq, entry.at().toEpochMilli(), entry.actor().name(), entry.action().wireName(), entry.target(),
                model, entry.outcome().name(), entry.reason());
        sql.update("INSERT INTO audit_entries (seq, entry) VALUES (?, ?)", seq, bytes);
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
        sql.update("INSERT INTO audit_leaves (seq, hash) VALUES (?, ?)", seq, TreeHasher.leaf(bytes).bytes());
        new TileHashRows(sql, false).grow(seq - 1);
        sql.update("INSERT INTO audit_model_heads (model, seq) VALUES (?, ?) ON CONFLICT (model) DO UPDATE SET seq = excluded.seq",
                model, seq);
        return entry;
    }
}
