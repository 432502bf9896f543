package dev.regent.core.event;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditTarget;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event: the audit entry numbered {@code seq} seen from outside. {@code model} is the model it concerns ("" for
 * registry-wide events such as a policy applied); deliveries of one model to one webhook keep seq order.
 */
public record Event(long seq, EventType type, String model, Instant at) {
    public Event {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("an event needs the sequence number of its audit entry");
        }
    }

    /** The event a numbered audit entry is, or empty for one that is none. */
    public static Optional<Event> of(AuditEntry entry) {
        if (entry.seq() < 1) {
            throw new IllegalArgumentException("only a stored (numbered) audit entry is an event");
        }
        return EventType.of(entry).map(t -> new Event(entry.seq(), t, AuditTarget.modelOf(entry.target()), entry.at()));
    }
}
