package dev.regent.core.store;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;

/** Thrown by a store when the database refuses a write because it would break an invariant it holds. */
public class StoreConflict extends RegentException {
    public StoreConflict(String message) {
        super(ErrorCode.CONFLICT, message);
    }

    public StoreConflict(String message, Throwable cause) {
        super(ErrorCode.CONFLICT, message, cause);
    }
}
