package dev.regent.core.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.blob.BlobStore;
import dev.regent.core.model.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactBlobsTest {
    /** A blob store in memory. */
    static final class MemoryBlobs implements BlobStore {
        final Map<Digest, byte[]> blobs = new HashMap<>();

        @Override
        public Digest put(InputStream content, long maxBytes) {
            try {
                byte[] bytes = content.readAllBytes();
                Digest d = Digest.sha256Of(bytes);
                blobs.putIfAbsent(d, bytes);
                return d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Optional<InputStream> open(Digest digest) {
            return Optional.ofNullable(blobs.get(digest)).map(ByteArrayInputStream::new);
        }

        @Override
        public boolean contains(Digest digest) {
            return blobs.containsKey(digest);
        }

        Digest put(String text) {
            return put(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Long.MAX_VALUE);
        }
    }

    @Test
    void tellsAStoredFileFromAStoredDirectoryAndListsWhatIsMissing() {
        MemoryBlobs store = new MemoryBlobs();
        ArtifactBlobs blobs = new ArtifactBlobs(store);
        Digest file = store.put("plain model bytes");
        Digest a = store.put("a");
        Digest absent = Digest.sha256Of("absent".getBytes(StandardCharsets.UTF_8));
        ArtifactManifest manifest = ArtifactManifest.of(List.of(new ArtifactManifest.Entry("a", a, 1),
                new ArtifactManifest.Entry("dir/absent", absent, 6)));
        Digest dir = store.put(manifest.text());

        assertThat(blobs.find(file)).hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo(ArtifactKind.FILE));
        StoredArtifact stored = blobs.find(dir).orElseThrow();
        assertThat(stored.kind()).isEqualTo(ArtifactKind.DIRECTORY);
        assertThat(stored.manifest().entries()).hasSize(2);
        assertThat(blobs.missing(stored.manifest())).containsExactly("dir/absent");
        assertThat(blobs.find(absent)).isEmpty();
        // a file that starts like a manifest but is not one is still a file
        Digest lookalike = store.put(a.hex() + " 1 ../escape\n");
        assertThat(blobs.find(lookalike).orElseThrow().kind()).isEqualTo(ArtifactKind.FILE);
        assertThat(blobs.isEmpty(store.put(""))).isTrue();
    }
}
