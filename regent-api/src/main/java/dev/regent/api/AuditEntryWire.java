package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** One audit entry, as {@code audit log --json}: {@code seq, at, actor, action, target, outcome, reason, before, after, evidence}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditEntryWire(long seq, String at, String actor, String action, String target, String outcome, String reason,
                             SortedMap<String, String> before, SortedMap<String, String> after, List<String> evidence) {
    public AuditEntryWire {
        before = before == null ? new TreeMap<>() : new TreeMap<>(before);
        after = after == null ? new TreeMap<>() : new TreeMap<>(after);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public static AuditEntryWire of(AuditEntry e) {
        return new AuditEntryWire(e.seq(), e.at().toString(), e.actor().name(), e.action().wireName(), e.target(),
                e.outcome().name(), e.reason(), e.before(), e.after(), e.evidence());
    }

    public AuditEntry toDomain() {
        return new AuditEntry(seq, Instant.parse(at), Principal.of(actor), AuditAction.fromWireName(action), target,
                AuditOutcome.valueOf(outcome), reason, before, after, evidence);
    }
}
