package dev.regent.core.store;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;

/** Thrown by a store when the database fails for a reason that is not the caller's input (I/O, connection, bug). */
public class StoreFailure extends RegentException {
    public StoreFailure(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }

    /** A failure with a more specific code (e.g. INSUFFICIENT_STORAGE). */
    protected StoreFailure(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
