package dev.regent.core.store;

import dev.regent.core.error.ErrorCode;

/**
 * Where the registry stores content cannot be written at all (a read-only file system, no permission): not a bug
 * and not the caller's input, so UNAVAILABLE (503) saying what to fix; nothing was kept.
 */
public final class StorageNotWritable extends StoreFailure {
    public StorageNotWritable(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
