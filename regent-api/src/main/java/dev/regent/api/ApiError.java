package dev.regent.api;

import dev.regent.core.error.ErrorCode;

/**
 * Error codes of the native API beyond the core's {@link ErrorCode}: conditions that exist only in HTTP (conditional
 * requests, body size, idempotency keys). Each has its status and the core code a client maps it to.
 */
public enum ApiError {
    /** 412: the If-Match ETag does not match the resource's current one (someone changed it since you read it). */
    PRECONDITION_FAILED(412, ErrorCode.CONFLICT),
    /** 428: the update needs an If-Match header (read the resource first, send its ETag back). */
    PRECONDITION_REQUIRED(428, ErrorCode.INVALID_ARGUMENT),
    /** 413: the request body is larger than the endpoint accepts. */
    PAYLOAD_TOO_LARGE(413, ErrorCode.INVALID_ARGUMENT),
    /** 422: the Idempotency-Key was used before with a different request. */
    IDEMPOTENCY_KEY_REUSED(422, ErrorCode.INVALID_ARGUMENT),
    /** 405: the route exists but not with this method. */
    METHOD_NOT_ALLOWED(405, ErrorCode.INVALID_ARGUMENT),
    /** 415: the body's content type is not one the endpoint reads. */
    UNSUPPORTED_MEDIA_TYPE(415, ErrorCode.INVALID_ARGUMENT),
    /** 503: the server is not ready (database unreachable). */
    UNAVAILABLE(503, ErrorCode.INTERNAL);

    private final int httpStatus;
    private final ErrorCode coreCode;

    ApiError(int httpStatus, ErrorCode coreCode) {
        this.httpStatus = httpStatus;
        this.coreCode = coreCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The core code a client reports this as (its CLI exit code follows from it). */
    public ErrorCode coreCode() {
        return coreCode;
    }

    /** The core code for any wire code name: a core code itself, an API code's mapping, or INTERNAL. */
    public static ErrorCode toCoreCode(String wireCode) {
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(wireCode)) {
                return c;
            }
        }
        for (ApiError a : values()) {
            if (a.name().equals(wireCode)) {
                return a.coreCode;
            }
        }
        return ErrorCode.INTERNAL;
    }
}
