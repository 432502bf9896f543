package dev.regent.core.error;

/**
 * Every error Regent can answer with. Each code carries its meaning, the HTTP status the native API
 * uses and the exit code the CLI uses, so that the three surfaces can never disagree.
 */
public enum ErrorCode {
    INVALID_ARGUMENT("The input is malformed or out of bounds.", 400, 2),
    NOT_FOUND("The model, version or alias does not exist.", 404, 3),
    ALREADY_EXISTS("An object with this identity already exists.", 409, 1),
    CONFLICT("The registry's state does not allow this change right now.", 409, 1),
    RULE_VIOLATION("A registry rule refuses this change.", 409, 1),
    GATE_FAILED("One or more promotion gates failed.", 409, 1),
    STALE_REVISION("The object changed since the caller read it; read it again and retry.", 412, 1),
    UNAUTHENTICATED("No valid identity was presented.", 401, 4),
    PERMISSION_DENIED("The acting principal may not do this.", 403, 4),
    MISDIRECTED("The request names a host this server does not answer for.", 421, 2),
    INSUFFICIENT_STORAGE("The registry's storage is full: nothing was written; free space, then retry.", 507, 6),
    UNAVAILABLE("The registry cannot be reached, or cannot serve this right now; nothing was changed.", 503, 6),
    INTERNAL("An unexpected internal error.", 500, 5);

    private final String meaning;
    private final int httpStatus;
    private final int exitCode;

    ErrorCode(String meaning, int httpStatus, int exitCode) {
        this.meaning = meaning;
        this.httpStatus = httpStatus;
        this.exitCode = exitCode;
    }

    public String meaning() {
        return meaning;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int exitCode() {
        return exitCode;
    }
}
