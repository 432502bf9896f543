package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.Role;
import dev.regent.core.artifact.ArtifactBlobs;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.artifact.StoredArtifact;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.model.Digest;
import java.io.InputStream;
import java.util.Optional;

/**
 * Artifacts the registry holds: streaming an upload into the content-addressed blob store before a version refers
 * to it, and reading a version's stored file or directory (paths checked against traversal). Part of the
 * {@link Registry}; reached through {@link Registry#artifacts()}.
 */
public final class ArtifactFacet {
    private final RegistryStore store;
    private final BlobStore blobs;
    private final Registry registry;

    ArtifactFacet(RegistryStore store, BlobStore blobs, Registry registry) {
        this.store = store;
        this.blobs = blobs;
        this.registry = registry;
    }

    /**
     * Streams content into the blob store for a later registration under {@code model} (at most {@code maxBytes},
     * else INVALID_ARGUMENT) and returns its digest; needs contributor on the model. Storing is not a change of
     * registry state (nothing refers to the blob until a version does), so it writes no audit entry.
     */
    public Digest storeBlob(Principal actor, ModelName model, InputStream content, long maxBytes) {
        store.read(tx -> {
            AccessControl.require(tx, actor, Role.CONTRIBUTOR, model);
            Lookups.requireModel(tx, model);
            return null;
        });
        return blobs.put(content, maxBytes);
    }

    /** The version's artifact as the blob store holds it, or empty when the registry does not hold it. */
    public Optional<StoredArtifact> artifact(Principal actor, ModelName model, VersionNumber number) {
        ModelVersion v = registry.version(actor, model, number);
        return v.artifactDigest().flatMap(d -> new ArtifactBlobs(blobs).find(d));
    }

    /**
     * The stored bytes of a version's artifact: with {@code path} null the file (or, for a directory, its manifest
     * text); with a path, that file of a directory (checked against traversal, and it must be listed). NOT_FOUND
     * when the registry does not hold it. The caller closes the stream.
     */
    public InputStream artifactContent(Principal actor, ModelName model, VersionNumber number, String path) {
        ArtifactPath file = path == null ? null : ArtifactPath.of(path);
        StoredArtifact artifact = artifact(actor, model, number).orElseThrow(() -> RegentException.notFound(
                "the registry does not hold the artifact of " + model + " version " + number + "; see its source"));
        ArtifactBlobs stored = new ArtifactBlobs(blobs);
        if (file == null) {
            return stored.open(artifact.digest());
        }
        if (artifact.kind() != ArtifactKind.DIRECTORY) {
            throw RegentException.invalid("the artifact of " + model + " version " + number + " is a single file; "
                    + "download it without a path");
        }
        ArtifactManifest.Entry entry = artifact.manifest().find(file.value()).orElseThrow(() -> RegentException.notFound(
                "the artifact of " + model + " version " + number + " has no file '" + file + "'"));
        return stored.open(entry.digest());
    }
}
