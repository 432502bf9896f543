package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.error.RegentException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The error body of every non-2xx answer: {@code {"error": {"code", "message", "details": {...}}}}. {@code code}
 * is an {@link dev.regent.core.error.ErrorCode} name or an {@link ApiError} name. A refused operation carries the
 * full report in {@code details.report}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ErrorWire(Body error) {
    public ErrorWire {
        Objects.requireNonNull(error, "error");
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Body(String code, String message, Map<String, Object> details) {
        public Body {
            Objects.requireNonNull(code, "code");
            message = message == null ? "" : message;
            details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        }
    }

    public static ErrorWire of(String code, String message, Map<String, ?> details) {
        return new ErrorWire(new Body(code, message, details == null ? Map.of() : new TreeMap<>(details)));
    }

    public static ErrorWire of(RegentException e) {
        return of(e.code().name(), e.getMessage(), e.details());
    }

    /** The exception a client rethrows for this body (API-only codes become their core code; details kept, nulls dropped). */
    public RegentException toException() {
        Map<String, Object> kept = new TreeMap<>();
        error.details().forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return new RegentException(ApiError.toCoreCode(error.code()), error.message(), kept);
    }

    /** The report of a refused operation ({@code details.report}), if the error carries one. */
    public java.util.Optional<ReportWire> report(com.fasterxml.jackson.databind.ObjectMapper mapper) {
        Object report = error.details().get("report");
        return report == null ? java.util.Optional.empty() : java.util.Optional.of(mapper.convertValue(report, ReportWire.class));
    }
}
