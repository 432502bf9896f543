package dev.regent.core.audit;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;

/**
 * Which audit entries to read: optionally only one model's, one actor's and one action's (each null for any), after
 * a sequence number, at most {@code limit} of them in sequence order.
 */
public record AuditQuery(ModelName model, Principal actor, AuditAction action, long afterSeq, int limit) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RegentException.invalid("audit page size must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (afterSeq < 0) {
            throw RegentException.invalid("audit cursor must not be negative");
        }
    }

    /** Any actor and action. */
    public AuditQuery(ModelName model, long afterSeq, int limit) {
        this(model, null, null, afterSeq, limit);
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, 0, limit);
    }
}
