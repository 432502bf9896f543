package dev.regent.server;

import dev.regent.api.BlobWire;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.artifact.StoredArtifact;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.io.InputStream;

/**
 * Artifacts: upload bytes into the blob store (one file, or each file of a directory and then its manifest), to be
 * registered with {@code POST …/versions} and {@code "artifact": "file"|"directory"}; download a version's stored
 * artifact (the file, a directory's manifest, or one file of it by {@code ?path=}). The server never fetches a
 * source URI itself: what it serves is only what was uploaded to it.
 */
final class ArtifactRoutes {
    static final String BLOBS = "/api/v1/models/{model}/blobs";
    static final String ARTIFACT = VersionRoutes.ONE + "/artifact";
    static final String KIND_HEADER = "Regent-Artifact-Kind";
    static final String DIGEST_HEADER = "Regent-Digest";

    private ArtifactRoutes() {
    }

    static void register(Endpoints e) {
        e.post(BLOBS, ArtifactRoutes::upload);
        e.get(ARTIFACT, ArtifactRoutes::download);
    }

    static Reply upload(Call call) {
        ModelName model = call.model();
        if (call.isJsonBody()) {
            throw RegentException.invalid("send the file's bytes as the request body (Content-Type: application/octet-stream), "
                    + "not JSON");
        }
        Digest declared = call.query("digest") == null ? null : Digest.parse(call.query("digest"));
        BlobWire stored = call.uploadBlob(model);
        if (declared != null && !declared.value().equals(stored.digest())) {
            throw RegentException.invalid("the declared digest " + declared + " does not match the uploaded content's "
                    + stored.digest());
        }
        return Reply.json(201, stored);
    }

    static Reply download(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        String rawPath = call.query("path");
        ArtifactPath path = rawPath == null ? null : ArtifactPath.of(rawPath);
        StoredArtifact artifact = call.registry().artifacts().artifact(call.actor(), model, number).orElseThrow(() -> RegentException.notFound(
                "the registry does not hold the artifact of " + model + " version " + number + "; see its source"));
        Digest digest = artifact.digest();
        if (path != null) {
            if (artifact.kind() != ArtifactKind.DIRECTORY) {
                throw RegentException.invalid("the artifact of " + model + " version " + number + " is a single file; "
                        + "download it without ?path=");
            }
            digest = artifact.manifest().find(path.value()).map(ArtifactManifest.Entry::digest).orElseThrow(() ->
                    RegentException.notFound("the artifact of " + model + " version " + number + " has no file '" + path + "'"));
        }
        InputStream in = call.registry().artifacts().artifactContent(call.actor(), model, number, rawPath);
        return Reply.stream("application/octet-stream", in).header(KIND_HEADER, artifact.kind().wireName())
                .header(DIGEST_HEADER, digest.value()).header("ETag", ETags.of(digest))
                .header("X-Content-Type-Options", "nosniff");
    }
}
