package dev.regent.core.artifact;

import dev.regent.core.model.Digest;
import java.util.Objects;

/**
 * A version's artifact as the registry's blob store holds it: a file under the version's digest, or a directory
 * whose canonical manifest is stored under the version's digest and whose files are stored under their own.
 * {@code manifest} is null for a file.
 */
public record StoredArtifact(ArtifactKind kind, Digest digest, ArtifactManifest manifest) {
    public StoredArtifact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(digest, "digest");
        if ((kind == ArtifactKind.DIRECTORY) != (manifest != null)) {
            throw new IllegalArgumentException("a directory artifact has a manifest, a file artifact none");
        }
    }
}
