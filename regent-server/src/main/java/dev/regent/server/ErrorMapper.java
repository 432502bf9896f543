package dev.regent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.regent.api.ErrorWire;
import dev.regent.api.RegentJson;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native API's one error mapper: core errors answer with their code's HTTP status, HTTP-only refusals with
 * theirs, unreadable JSON with 400 naming the field or position, and anything unexpected with a generic 500 (the
 * stack trace goes to the log, never to the client).
 */
final class ErrorMapper implements ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Mapped map(Throwable e, String where) {
        if (e instanceof ApiException a) {
            Map<String, String> headers = a.code().httpStatus() == 413 ? Map.of("Connection", "close")
                    : a.details().containsKey("retry_after_seconds")
                    ? Map.of("Retry-After", String.valueOf(a.details().get("retry_after_seconds"))) : Map.of();
            return new Mapped(a.code().httpStatus(), ErrorWire.of(a.code().name(), a.getMessage(), a.details()), headers);
        }
        RegentException r = RegentJson.regentCause(e);
        if (r instanceof dev.regent.core.audit.AuditIncident) {
            LOG.error("AUDIT INCIDENT on {}: {}; /ready answers 503 and nothing is signed until this is investigated and the "
                    + "server restarted", where, r.getMessage());
        }
        if (r != null && r.code() != ErrorCode.INTERNAL) {
            Map<String, String> headers = r.code() == ErrorCode.UNAUTHENTICATED
                    ? Map.of("WWW-Authenticate", "Bearer realm=\"regent\"") : Map.of();
            return new Mapped(r.code().httpStatus(), ErrorWire.of(r), headers);
        }
        if (r == null && e instanceof JsonProcessingException j) {
            return new Mapped(400, ErrorWire.of(ErrorCode.INVALID_ARGUMENT.name(), RegentJson.describe(j), Map.of()), Map.of());
        }
        LOG.error("unexpected error on {}", where, e);
        return new Mapped(500, ErrorWire.of(ErrorCode.INTERNAL.name(),
                "an unexpected error occurred; the server log has the details", Map.of()), Map.of());
    }
}
