package dev.regent.core.registry;

import dev.regent.core.artifact.ArtifactBlobs;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What registering a version with a stored artifact requires: the content is in the blob store under the digest
 * (uploaded first), is not empty, and for a directory its manifest parses strictly (every path checked against
 * traversal) and every file it lists is stored too. A {@code regent-blob:} source must name the version's own digest.
 */
final class StoredArtifactChecks {
    private StoredArtifactChecks() {
    }

    static List<Finding> check(ArtifactBlobs blobs, NewVersion request, ArtifactKind stored) {
        List<Finding> checks = new ArrayList<>();
        Optional<Digest> blobSource = request.source().registryBlobDigest();
        if (blobSource.isPresent()) {
            if (!blobSource.get().equals(request.digest())) {
                throw RegentException.invalid("source " + request.source() + " names a different blob than the version's digest "
                        + (request.digest() == null ? "(none given)" : request.digest()));
            }
            if (stored == null && !blobs.contains(blobSource.get())) {
                checks.add(Finding.fail("artifact stored", "source " + request.source() + " names a blob the registry does not hold"));
            }
        }
        if (stored == null) {
            return checks;
        }
        Digest digest = request.digest();
        if (digest == null) {
            throw RegentException.invalid("a stored artifact needs its digest");
        }
        if (!blobs.contains(digest)) {
            checks.add(Finding.fail("artifact stored", stored.wireName() + " " + digest.shortForm() + " is not in the blob store: "
                    + "upload it first"));
            return checks;
        }
        if (stored == ArtifactKind.FILE) {
            if (blobs.isEmpty(digest)) {
                throw RegentException.invalid("the artifact file is empty");
            }
            checks.add(Finding.pass("artifact stored", "file " + digest.shortForm() + " is in the blob store"));
            return checks;
        }
        ArtifactManifest manifest = blobs.manifest(digest);
        if (manifest.entries().isEmpty()) {
            throw RegentException.invalid("the artifact directory has no files");
        }
        List<String> missing = blobs.missing(manifest);
        if (!missing.isEmpty()) {
            checks.add(Finding.fail("artifact stored", missing.size() + " file(s) of the manifest are not in the blob store: "
                    + String.join(", ", missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? ", …" : "")));
        } else {
            checks.add(Finding.pass("artifact stored", "directory " + digest.shortForm() + ": manifest and its "
                    + manifest.entries().size() + " file(s) are in the blob store"));
        }
        return checks;
    }
}
