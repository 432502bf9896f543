package dev.regent.store.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.Digest;
import dev.regent.store.blob.FileBlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 9: a file forced to disk can still vanish after a power cut when the directory entry naming it
 * was not synced. These record every directory sync with what the directory held at that moment, and check that
 * each name an acknowledgement depends on (the signing key, a blob, every directory created on the way) was made
 * durable in its parent before the call returned.
 */
class DurableNamesTest {
    @TempDir
    Path dir;

    /** A sync that records the directory and its entries at the moment of the sync. */
    private static final class Recording implements DirectorySync {
        final List<Path> synced = new ArrayList<>();
        final List<List<String>> held = new ArrayList<>();

        @Override
        public void sync(Path directory) throws IOException {
            synced.add(directory.toAbsolutePath());
            try (Stream<Path> entries = Files.list(directory)) {
                held.add(entries.map(p -> p.getFileName().toString()).sorted().toList());
            }
        }

        /** Whether {@code name} was synced in {@code parent} (present in it at the time of a sync of it). */
        boolean durable(Path parent, String name) {
            for (int i = 0; i < synced.size(); i++) {
                if (synced.get(i).equals(parent.toAbsolutePath()) && held.get(i).contains(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    @Test
    void aKeyFileAndEveryDirectoryCreatedForItAreDurableInTheirParents() throws IOException {
        Recording sync = new Recording();
        Path key = dir.resolve("data/keys/audit-signing.key");
        byte[] held = WriteOnceFile.createOrRead(key, "secret\n".getBytes(StandardCharsets.UTF_8), true, sync);
        assertThat(new String(held, StandardCharsets.UTF_8)).isEqualTo("secret\n");
        assertThat(sync.durable(dir, "data")).isTrue();
        assertThat(sync.durable(dir.resolve("data"), "keys")).isTrue();
        assertThat(sync.durable(dir.resolve("data/keys"), "audit-signing.key")).as(sync.synced.toString()).isTrue();
        // the second caller finds it and creates nothing, so syncs nothing
        int before = sync.synced.size();
        WriteOnceFile.createOrRead(key, "other\n".getBytes(StandardCharsets.UTF_8), true, sync);
        assertThat(sync.synced).hasSize(before);
    }

    @Test
    void aBlobsNameAndItsShardDirectoriesAreDurableBeforeItsDigestIsReturned() {
        Recording sync = new Recording();
        Path root = dir.resolve("blobs");
        FileBlobStore blobs = new FileBlobStore(root, sync);
        Digest digest = blobs.put(new ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8)), 1 << 20);
        Path file = blobs.path(digest);
        assertThat(file).exists();
        assertThat(sync.durable(dir, "blobs")).isTrue();
        // every directory between the root and the file, and the file itself, named durably in its parent
        for (Path p = file; !p.equals(root); p = p.getParent()) {
            assertThat(sync.durable(p.getParent(), p.getFileName().toString())).as(p + " in " + sync.synced).isTrue();
        }
    }
}
