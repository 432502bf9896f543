package dev.regent.core.store;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;

/** Thrown by a store when the database fails for a reason that is not the caller's input (I/O, connection, bug). */
public class StoreFailure extends RegentException {
    public StoreFailure(String message, Throwable cause) {
        super(ErrorCode.INTERNAL, message, cause);
    }
}
