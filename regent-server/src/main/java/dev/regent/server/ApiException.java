package dev.regent.server;

import dev.regent.api.ApiError;
import java.util.Map;

/** An HTTP-only refusal (412, 413, 422, 428…), answered with the same error body as core errors. */
final class ApiException extends RuntimeException {
    private final ApiError code;
    private final Map<String, Object> details;

    ApiException(ApiError code, String message) {
        this(code, message, Map.of());
    }

    ApiException(ApiError code, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(details);
    }

    ApiError code() {
        return code;
    }

    Map<String, Object> details() {
        return details;
    }
}
