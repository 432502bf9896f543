package dev.regent.core.audit;

import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One line of the append-only audit log: who did what to which target, when, why, the state before and after
 * (as sorted field → value maps), and links to evidence. {@code seq} is 0 until the store assigns it.
 * Times are kept to the millisecond so the encoding round-trips through every database.
 */
public record AuditEntry(long seq, Instant at, Principal actor, AuditAction action, String target, AuditOutcome outcome,
                         String reason, SortedMap<String, String> before, SortedMap<String, String> after,
                         List<String> evidence) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        at = Instant.ofEpochMilli(at.toEpochMilli());
        reason = reason == null ? "" : reason;
        before = Collections.unmodifiableSortedMap(new TreeMap<>(before == null ? Collections.emptySortedMap() : before));
        after = Collections.unmodifiableSortedMap(new TreeMap<>(after == null ? Collections.emptySortedMap() : after));
        evidence = List.copyOf(evidence == null ? List.of() : evidence);
    }

    /** A new entry, before the store numbers it. */
    public static AuditEntry draft(Instant at, Principal actor, AuditAction action, String target, AuditOutcome outcome,
                                   String reason, SortedMap<String, String> before, SortedMap<String, String> after) {
        return new AuditEntry(0, at, actor, action, target, outcome, reason, before, after, List.of());
    }

    public AuditEntry withSeq(long assigned) {
        return new AuditEntry(assigned, at, actor, action, target, outcome, reason, before, after, evidence);
    }

    /** This entry with one more field in "after" (e.g. the channel a change came through: {@code via=mcp:promote}). */
    public AuditEntry withAfterField(String key, String value) {
        TreeMap<String, String> marked = new TreeMap<>(after);
        marked.put(key, value);
        return new AuditEntry(seq, at, actor, action, target, outcome, reason, before, marked, evidence);
    }

    public AuditEntry withEvidence(List<String> links) {
        return new AuditEntry(seq, at, actor, action, target, outcome, reason, before, after, links);
    }
}
