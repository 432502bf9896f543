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
        assertThat(new FileBlobStore(java.nio.file.Path.of("/nonexistent/regent/blobs")).usableSpace()).isPositive();
    }
}
