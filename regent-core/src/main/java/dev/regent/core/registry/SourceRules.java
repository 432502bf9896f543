package dev.regent.core.registry;

import dev.regent.core.model.SourceUri;
import dev.regent.core.report.Finding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which sources a registry accepts beyond what {@link SourceUri} already forbids: {@code file:} sources only under
 * the allowed roots (local mode's working directory and data directory, by default), so that a registered version
 * cannot point at /etc/shadow. Paths are compared after normalisation; '..' never gets this far.
 */
public record SourceRules(List<Path> allowedFileRoots) {
    public SourceRules {
        allowedFileRoots = allowedFileRoots.stream().map(p -> p.toAbsolutePath().normalize()).collect(Collectors.toUnmodifiableList());
    }

    /** No file: sources at all (a shared server has no business reading its own disk on a client's say-so). */
    public static SourceRules noLocalFiles() {
        return new SourceRules(List.of());
    }

    Finding check(SourceUri source) {
        if (!source.isLocalFile()) {
            return Finding.pass("source allowed", source.scheme() + ": sources are accepted");
        }
        Optional<Path> path = source.localPath();
        if (allowedFileRoots.isEmpty()) {
            return Finding.fail("source allowed", "file: sources are not accepted by this registry");
        }
        for (Path root : allowedFileRoots) {
            if (path.get().startsWith(root)) {
                return Finding.pass("source allowed", "file source under allowed root " + root);
            }
        }
        return Finding.fail("source allowed", "file source " + path.get() + " is outside the allowed roots "
                + allowedFileRoots + " (set REGENT_FILE_ROOTS to allow more)");
    }
}
