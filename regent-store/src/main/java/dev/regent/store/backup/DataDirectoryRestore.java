package dev.regent.store.backup;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.store.files.DirectorySync;
import dev.regent.store.files.PrivateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Restores a backup into a new data directory, never over an existing one: the manifest is checked first (every
 * file present with its SHA-256), then each file is copied and its copy checked again. What the restored registry
 * must satisfy beyond its bytes (its audit log verifies and is consistent with the latest published checkpoint) is
 * checked by the caller on the restored store, which then {@link #discard discards} the directory when it refuses.
 */
public final class DataDirectoryRestore {
    /** What was restored. */
    public record Restored(Path directory, int files, Map<String, String> info) {
    }

    private final DirectorySync sync;

    public DataDirectoryRestore(DirectorySync sync) {
        this.sync = sync;
    }

    /** Checks the backup in {@code from} and copies it into {@code target} (new or empty). */
    public Restored restore(Path from, Path target) {
        try {
            if (!Files.isDirectory(from)) {
                throw RegentException.notFound("there is no backup at " + from);
            }
            Sha256Sums manifest = Sha256Sums.read(from);
            if (manifest.lines().stream().noneMatch(l -> l.path().equals(DataDirectoryBackup.DATABASE))) {
                throw RegentException.invalid(from + " is not a Regent backup: its " + Sha256Sums.FILE_NAME
                        + " lists no " + DataDirectoryBackup.DATABASE);
            }
            List<String> problems = manifest.problems(from);
            if (!problems.isEmpty()) {
                throw RegentException.invalid("the backup in " + from + " is damaged, nothing was restored: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                        + (problems.size() > 5 ? "; and " + (problems.size() - 5) + " more" : ""));
            }
            EmptyDirectory.require(target, "a backup is restored into a new data directory");
            PrivateFiles.directory(target);
            for (Sha256Sums.Line line : manifest.lines()) {
                if (line.path().equals(DataDirectoryBackup.INFO)) {
                    continue;
                }
                Path copy = target.resolve(line.path());
                if (!copy.normalize().startsWith(target.normalize())) {
                    throw RegentException.invalid("the backup names a file outside it: " + line.path());
                }
                PrivateFiles.directory(copy.getParent());
                String actual = DataDirectoryBackup.copyPrivately(from.resolve(line.path()), copy);
                if (!actual.equals(line.sha256())) {
                    throw new RegentException(ErrorCode.UNAVAILABLE, "the copy of " + line.path() + " in " + target
                            + " does not match the backup: check the disk", Map.of());
                }
                sync.sync(copy.getParent());
            }
            sync.sync(target);
            return new Restored(target, manifest.lines().size() - 1, DataDirectoryBackup.info(from));
        } catch (IOException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "cannot restore " + from + " into " + target + ": "
                    + e.getMessage(), Map.of());
        }
    }

    /** Removes a directory this restore created (when the restored registry was refused). */
    public static void discard(Path target) {
        try (Stream<Path> walk = Files.walk(target)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "the restore was refused, but " + target
                    + " could not be removed: " + e.getMessage() + "; remove it by hand", Map.of());
        }
    }
}
