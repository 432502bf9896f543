package dev.regent.store.blob;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

/** Issue 17, finding 8: an upload onto a full disk is told apart from other I/O failures (507, not 500). */
class NoSpaceTest {
    @Test
    void enospcAndQuotaAreNoSpaceAndOtherFailuresAreNot() {
        assertThat(NoSpace.is(new FileSystemException("/data/blobs/tmp/put-1.tmp", null, "No space left on device"))).isTrue();
        assertThat(NoSpace.is(new IOException("write failed", new IOException("Disk quota exceeded")))).isTrue();
        assertThat(NoSpace.is(new FileSystemException("/data/blobs", null, "Read-only file system"))).isFalse();
        // issue 17, finding 8: an upload onto a read-only data directory was an unexpected 500
        assertThat(NoSpace.notWritable(new FileSystemException("/data/blobs", null, "Read-only file system"))).isTrue();
        assertThat(NoSpace.notWritable(new java.nio.file.AccessDeniedException("/data/blobs/tmp"))).isTrue();
        assertThat(NoSpace.notWritable(new FileSystemException("/data/blobs", null, "No space left on device"))).isFalse();
        assertThat(new FileBlobStore(java.nio.file.Path.of("/nonexistent/regent/blobs")).usableSpace()).isPositive();
    }
}
