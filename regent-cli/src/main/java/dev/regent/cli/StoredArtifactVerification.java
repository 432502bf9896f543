package dev.regent.cli;

import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.StoredArtifact;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.report.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recomputes a version's artifact digest from the registry's blob store: a file's bytes; for a directory every
 * file's digest and size against the manifest, then the manifest's own digest against the registered one. Names
 * each blob that differs (and, in local mode, the file on disk that holds it).
 */
final class StoredArtifactVerification {
    private final Session session;
    private final Path workingDir;

    StoredArtifactVerification(Session session, Path workingDir) {
        this.session = session;
        this.workingDir = workingDir;
    }

    /** Bytes hashed and counted, or the reason they could not be read. */
    private record Hashed(Digest digest, long size, String failure) {
    }

    Finding check(ModelName model, VersionNumber number, Digest registered) {
        RegistrySession registry = session.registry();
        Optional<StoredArtifact> stored = registry.artifact(model, number);
        if (stored.isEmpty()) {
            return Finding.fail("artifact digest", "no local copy given (--path) and the registry does not hold the artifact "
                    + registered + " in its blob store: cannot recompute it");
        }
        StoredArtifact artifact = stored.get();
        List<String> differences = new ArrayList<>();
        if (artifact.kind() == ArtifactKind.DIRECTORY) {
            for (ArtifactManifest.Entry entry : artifact.manifest().entries()) {
                Hashed h = hash(registry, model, number, entry.path());
                if (h.failure() != null) {
                    differences.add("file '" + entry.path() + "' (" + where(entry.digest()) + "): " + h.failure());
                } else if (!h.digest().equals(entry.digest()) || h.size() != entry.size()) {
                    differences.add("file '" + entry.path() + "' (" + where(entry.digest()) + ") now hashes to " + h.digest()
                            + " (" + h.size() + " bytes) but the manifest lists " + entry.digest() + " (" + entry.size() + " bytes)");
                }
            }
        }
        Hashed top = hash(registry, model, number, null);
        String what = artifact.kind() == ArtifactKind.DIRECTORY ? "manifest" : "file";
        if (top.failure() != null) {
            differences.add("the " + what + " (" + where(registered) + "): " + top.failure());
        } else if (!top.digest().equals(registered)) {
            differences.add("the stored " + what + " (" + where(registered) + ") now hashes to " + top.digest()
                    + " but the version's registered digest is " + registered);
        }
        if (!differences.isEmpty()) {
            return Finding.fail("artifact digest", "the stored artifact was altered: " + String.join("; ", differences));
        }
        return Finding.pass("artifact digest", "recomputed " + top.digest() + " from the blob store"
                + (artifact.kind() == ArtifactKind.DIRECTORY ? " (manifest and its " + artifact.manifest().entries().size()
                + " file(s))" : "") + ": matches the registered digest");
    }

    private Hashed hash(RegistrySession registry, ModelName model, VersionNumber number, String path) {
        MessageDigest md = Digest.newSha256();
        long size = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = registry.artifactContent(model, number, path)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            return new Hashed(null, size, "cannot be read: " + e.getMessage());
        }
        return new Hashed(Digest.ofSha256(md.digest()), size, null);
    }

    private String where(Digest blob) {
        return "blob " + blob.shortForm() + session.blobFile(blob).map(p -> ", file " + shown(p)).orElse("");
    }

    private String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path wd = workingDir.toAbsolutePath().normalize();
        return abs.startsWith(wd) ? wd.relativize(abs).toString() : abs.toString();
    }
}
