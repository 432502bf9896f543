package dev.regent.core.store;

import dev.regent.core.error.ErrorCode;

/**
 * The database or the blob store ran out of space. Nothing was written (the transaction rolled back; a partial
 * upload is discarded); the message names where and what to do. Answered as 507 Insufficient Storage, not as an
 * unexpected error.
 */
public final class StorageFull extends StoreFailure {
    public StorageFull(String message, Throwable cause) {
        super(ErrorCode.INSUFFICIENT_STORAGE, message, cause);
    }
}
