package dev.regent.core.audit;

import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an audit entry's derived columns say, as stored text (audit_log's structured columns, its audit_fields and
 * audit_evidence rows), read without its bytes: verification compares them with what the bytes say, and the
 * migrations that predate the bytes column rebuild entries from them.
 */
public record AuditColumns(long seq, long at, String actor, String action, String target, String model, String outcome,
                           String reason, SortedMap<String, String> before, SortedMap<String, String> after,
                           List<String> evidence) {
    public AuditColumns {
        before = new TreeMap<>(before == null ? new TreeMap<>() : before);
        after = new TreeMap<>(after == null ? new TreeMap<>() : after);
        evidence = new ArrayList<>(evidence == null ? List.of() : evidence);
    }

    /** The entry the columns describe; throws IllegalArgumentException when a column does not parse. */
    public AuditEntry entry() {
        return new AuditEntry(seq, Instant.ofEpochMilli(at), Principal.of(actor), AuditAction.fromWireName(action), target,
                AuditOutcome.valueOf(outcome), reason, before, after, evidence);
    }

    /** The columns that disagree with what the record's bytes say, by name (empty when all agree). */
    public List<String> disagreeingWith(AuditRecord record) {
        AuditEntry e = record.entry();
        List<String> out = new ArrayList<>();
        check(out, "seq", seq, e.seq());
        check(out, "at", at, e.at().toEpochMilli());
        check(out, "actor", actor, e.actor().name());
        check(out, "action", action, e.action().wireName());
        check(out, "target", target, e.target());
        check(out, "model", model, record.model());
        check(out, "outcome", outcome, e.outcome().name());
        check(out, "reason", reason, e.reason());
        check(out, "before", before, e.before());
        check(out, "after", after, e.after());
        check(out, "evidence", evidence, e.evidence());
        return out;
    }

    private static void check(List<String> out, String name, Object column, Object bytes) {
        if (!Objects.equals(column, bytes)) {
            out.add(name);
        }
    }
}
