package dev.regent.core.artifact;

import dev.regent.core.blob.BlobStore;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Stored artifacts over the blob store: reads a directory's manifest back, tells a stored file from a stored
 * directory, and lists what a registration would be missing. Reads streams only; no file I/O of its own.
 */
public final class ArtifactBlobs {
    private static final Pattern MANIFEST_START = Pattern.compile("[0-9a-f]{64} [0-9]");
    private final BlobStore blobs;

    public ArtifactBlobs(BlobStore blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** Whether content with this digest is stored. */
    public boolean contains(Digest digest) {
        return blobs.contains(digest);
    }

    /** The stored bytes under a digest; NOT_FOUND when absent. The caller closes the stream. */
    public InputStream open(Digest digest) {
        return blobs.open(digest).orElseThrow(() -> RegentException.notFound("blob " + digest + " is not in the blob store"));
    }

    /** The manifest stored under a directory's digest, parsed strictly (INVALID_ARGUMENT naming the bad line). */
    public ArtifactManifest manifest(Digest digest) {
        try (InputStream in = open(digest)) {
            byte[] bytes = in.readNBytes(ArtifactManifest.MAX_BYTES + 1);
            return ArtifactManifest.parse(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read manifest " + digest, e);
        }
    }

    /** Whether the stored content under this digest is empty (or absent). */
    public boolean isEmpty(Digest digest) {
        try (InputStream in = open(digest)) {
            return in.read() < 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + digest, e);
        }
    }

    /** The paths of a manifest whose files are not stored. */
    public List<String> missing(ArtifactManifest manifest) {
        return manifest.entries().stream().filter(e -> !blobs.contains(e.digest())).map(ArtifactManifest.Entry::path).toList();
    }

    /**
     * The stored artifact under a version's digest, if the blob store holds it: a directory when the content is a
     * canonical manifest of at least one file (stored or not: a missing file is for verification to report);
     * otherwise a file. Registration as a directory checked exactly that, so a registered directory always reads back
     * as one; a file whose bytes happen to be a canonical manifest reads back as the directory it describes.
     */
    public Optional<StoredArtifact> find(Digest digest) {
        if (!blobs.contains(digest)) {
            return Optional.empty();
        }
        byte[] head;
        try (InputStream in = open(digest)) {
            head = in.readNBytes(66);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + digest, e);
        }
        if (head.length == 66 && MANIFEST_START.matcher(new String(head, 0, 66, java.nio.charset.StandardCharsets.ISO_8859_1)).matches()) {
            try {
                ArtifactManifest manifest = manifest(digest);
                if (!manifest.entries().isEmpty()) {
                    return Optional.of(new StoredArtifact(ArtifactKind.DIRECTORY, digest, manifest));
                }
            } catch (RegentException e) {
                // not a manifest after all: a file that starts like one
            }
        }
        return Optional.of(new StoredArtifact(ArtifactKind.FILE, digest, null));
    }
}
