package dev.regent.core.blob;

import dev.regent.core.model.Digest;
import java.io.InputStream;
import java.util.Optional;

/**
 * Content-addressed, write-once storage for bytes the registry keeps (evidence files, later artifacts): content
 * is stored under its SHA-256 digest and never overwritten; storing the same bytes twice is a no-op.
 */
public interface BlobStore {

    /** Stores the stream's bytes (at most {@code maxBytes}, else INVALID_ARGUMENT) and returns their digest. */
    Digest put(InputStream content, long maxBytes);

    /** Bytes that can still be written where the blobs live, as the file system reports it (readiness watches it). */
    default long usableSpace() {
        return Long.MAX_VALUE;
    }

    /** Opens stored content for reading; the caller closes the stream. */
    Optional<InputStream> open(Digest digest);

    /** Whether content with this digest is stored. */
    boolean contains(Digest digest);
}
