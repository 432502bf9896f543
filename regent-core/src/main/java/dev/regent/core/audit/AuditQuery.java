package dev.regent.core.audit;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;

/**
 * Which audit entries to read: optionally only one model's, one actor's and one action's (each null for any), with
 * sequence numbers above {@code afterSeq} and below {@code beforeSeq}, at most {@code limit} of them, in sequence
 * order or, with {@code newestFirst}, newest first (the limit then keeps the newest).
 */
public record AuditQuery(ModelName model, Principal actor, AuditAction action, long afterSeq, int limit, long beforeSeq,
                         boolean newestFirst) {
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw RegentException.invalid("audit page size must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (afterSeq < 0) {
            throw RegentException.invalid("audit cursor must not be negative");
        }
        if (beforeSeq < 1) {
            throw RegentException.invalid("audit cursor must be positive");
        }
    }

    /** In sequence order, after {@code afterSeq}. */
    public AuditQuery(ModelName model, Principal actor, AuditAction action, long afterSeq, int limit) {
        this(model, actor, action, afterSeq, limit, Long.MAX_VALUE, false);
    }

    /** Any actor and action. */
    public AuditQuery(ModelName model, long afterSeq, int limit) {
        this(model, null, null, afterSeq, limit);
    }

    /** The newest {@code limit} entries below {@code beforeSeq} (Long.MAX_VALUE for the newest of all), newest first. */
    public static AuditQuery newestFirst(ModelName model, Principal actor, AuditAction action, long beforeSeq, int limit) {
        return new AuditQuery(model, actor, action, 0, limit, beforeSeq, true);
    }

    public static AuditQuery all(int limit) {
        return new AuditQuery(null, 0, limit);
    }
}
