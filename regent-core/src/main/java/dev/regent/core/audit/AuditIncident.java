package dev.regent.core.audit;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.util.Map;

/**
 * The audit log contradicts itself: a derived column disagrees with an entry's bytes, a model's hash chain has a
 * gap, the stored tree disagrees with a signed checkpoint. A read that meets one fails with this instead of
 * returning a page that could silently leave an entry out; the server reports it on /ready and signs nothing.
 */
public final class AuditIncident extends RegentException {
    public AuditIncident(String message) {
        super(ErrorCode.UNAVAILABLE, "audit incident: " + message, Map.of("incident", "audit"));
    }
}
