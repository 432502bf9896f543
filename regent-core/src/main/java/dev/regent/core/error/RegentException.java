package dev.regent.core.error;

import java.util.Map;
import java.util.TreeMap;

/** The one exception type of Regent: a code, a message a person can act on, and structured details. */
public class RegentException extends RuntimeException {
    private final ErrorCode code;
    private final Map<String, Object> details;

    public RegentException(ErrorCode code, String message) {
        this(code, message, Map.of());
    }

    public RegentException(ErrorCode code, String message, Map<String, ?> details) {
        super(message);
        this.code = code;
        this.details = Map.copyOf(new TreeMap<>(details));
    }

    public RegentException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = Map.of();
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> details() {
        return details;
    }

    public static RegentException invalid(String message) {
        return new RegentException(ErrorCode.INVALID_ARGUMENT, message);
    }

    public static RegentException notFound(String message) {
        return new RegentException(ErrorCode.NOT_FOUND, message);
    }
}
