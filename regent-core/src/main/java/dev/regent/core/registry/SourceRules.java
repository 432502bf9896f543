package dev.regent.core.registry;

import dev.regent.core.model.SourceUri;
import dev.regent.core.report.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which sources a registry accepts beyond what {@link SourceUri} already forbids. No registry ever opens a source: it
 * is a name, recorded as given. What differs is whose disk a local path (a bare path or {@code file:}) names:
 * <ul>
 * <li>a server's clients name places on their own machines ({@link #references()}): accepted as references, as
 *     MLflow's clients send them for a local artifact root; the server holds no artifact for them;</li>
 * <li>local mode runs on the machine the path names: only under the allowed roots (the working directory and data
 *     directory by default), so that a registered version cannot point at /etc/shadow;</li>
 * <li>{@link #noLocalFiles()}: none at all.</li>
 * </ul>
 * Paths are compared after normalisation; '..' never gets this far.
 */
public record SourceRules(List<Path> allowedFileRoots, boolean clientPaths) {
    public SourceRules {
        allowedFileRoots = allowedFileRoots.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toUnmodifiableList());
    }

    /** Local mode: local paths only under these roots. */
    public SourceRules(List<Path> allowedFileRoots) {
        this(allowedFileRoots, false);
    }

    /** No local paths at all. */
    public static SourceRules noLocalFiles() {
        return new SourceRules(List.of(), false);
    }

    /** A server: local paths name places on the client's machine; recorded as given, never opened by the server. */
    public static SourceRules references() {
        return new SourceRules(List.of(), true);
    }

    Finding check(SourceUri source) {
        if (!source.isLocalPath()) {
            return Finding.pass("source allowed", source.scheme() + ": sources are accepted");
        }
        Optional<Path> path = source.localPath(); // refuses a file: URI naming another host
        if (clientPaths) {
            return Finding.pass("source allowed", "a local path on the client's machine: recorded as given; the registry "
                    + "never opens it and holds no artifact for it (the digest, and 'regent verify --path', prove its content)");
        }
        if (allowedFileRoots.isEmpty()) {
            return Finding.fail("source allowed", "local paths are not accepted as sources by this registry");
        }
        for (Path root : allowedFileRoots) {
            if (path.get().startsWith(root)) {
                return Finding.pass("source allowed", "local path under allowed root " + root);
            }
        }
        return Finding.fail("source allowed", "local path " + path.get() + " is outside the allowed roots "
                + allowedFileRoots + " (set REGENT_FILE_ROOTS to allow more)");
    }
}
