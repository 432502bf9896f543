package dev.regent.store.blob;

import java.io.IOException;
import java.nio.file.FileSystemException;

/** Whether an I/O failure means the file system is full (ENOSPC, or a quota: EDQUOT), whatever the platform's words. */
final class NoSpace {
    private NoSpace() {
    }

    /** Whether the failure means the blob store cannot be written at all: a read-only file system, or no permission. */
    static boolean notWritable(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.file.AccessDeniedException || t instanceof java.nio.file.ReadOnlyFileSystemException) {
                return true;
            }
            String text = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(t.getMessage());
            if (text.contains("Read-only file system")) {
                return true;
            }
        }
        return false;
    }

    static boolean is(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : String.valueOf(t.getMessage());
            if (text.contains("No space left on device") || text.contains("Disk quota exceeded")
                    || text.contains("There is not enough space on the disk")) {
                return true;
            }
        }
        return false;
    }
}
