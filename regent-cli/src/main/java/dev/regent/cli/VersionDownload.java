package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.artifact.StoredArtifact;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.registry.RegistrySession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent version download MODEL VERSION --to PATH}: writes the version's stored artifact (a file, or a
 * directory of files from its manifest) to a new path, hashing every byte on the way and refusing a file whose
 * digest is not the registered one (or the manifest's). Every manifest path is checked against traversal and must
 * resolve inside the target directory.
 */
@Command(name = "download", description = "Download a version's stored artifact (file or directory), digest-checked.")
final class VersionDownload extends OneVersionCommand {
    @Option(names = "--to", paramLabel = "PATH", description = "Where to write it (must not exist yet).")
    Path to;

    private Path destination;

    @Override
    void prepareOptions(MissingInputs inputs) {
        String raw = inputs.require("--to", to == null ? null : to.toString());
        to = raw == null ? null : Path.of(raw);
    }

    @Override
    void validateOptions() {
        destination = environment().workingDir().resolve(to).toAbsolutePath().normalize();
        if (Files.exists(destination)) {
            throw RegentException.invalid(to + " already exists; download to a new path");
        }
    }

    @Override
    int run(Session session) {
        RegistrySession registry = session.registry();
        StoredArtifact artifact = registry.artifact(model, number).orElseThrow(() -> RegentException.notFound(
                "the registry does not hold the artifact of " + model + " version " + number + "; see its source"));
        if (artifact.kind() == ArtifactKind.FILE) {
            copy(registry, null, artifact.digest(), destination);
            out().println("Downloaded " + artifact.digest() + " to " + to + " (file, digest checked).");
            return ExitCodes.OK;
        }
        try {
            Files.createDirectories(destination);
        } catch (IOException e) {
            throw new RegentException(ErrorCode.INTERNAL, "cannot create " + to + ": " + e.getMessage(), e);
        }
        for (ArtifactManifest.Entry entry : artifact.manifest().entries()) {
            Path file = destination.resolve(ArtifactPath.of(entry.path()).value()).normalize();
            if (!file.startsWith(destination) || file.equals(destination)) {
                throw RegentException.invalid("manifest path '" + entry.path() + "' would leave " + to);
            }
            copy(registry, entry.path(), entry.digest(), file);
        }
        out().println("Downloaded " + artifact.digest() + " to " + to + " (directory of " + artifact.manifest().entries().size()
                + " file(s), every digest checked).");
        return ExitCodes.OK;
    }

    private void copy(RegistrySession registry, String path, Digest expected, Path file) {
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), ".download-", ".tmp");
            MessageDigest md = Digest.newSha256();
            try (InputStream in = registry.artifactContent(model, number, path); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    md.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            Digest actual = Digest.ofSha256(md.digest());
            if (!actual.equals(expected)) {
                throw new RegentException(ErrorCode.RULE_VIOLATION, (path == null ? "the artifact" : "'" + path + "'")
                        + " downloaded as " + actual + " but the registered digest is " + expected + "; nothing was kept");
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
        } catch (IOException e) {
            throw new RegentException(ErrorCode.RULE_VIOLATION, "download of " + (path == null ? "the artifact" : "'" + path + "'")
                    + " failed: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the partial file is hidden and named .tmp
                }
            }
        }
    }
}
