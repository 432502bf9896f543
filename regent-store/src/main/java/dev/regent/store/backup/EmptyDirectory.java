package dev.regent.store.backup;

import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Backups and restores write only into a directory that holds nothing yet, so they never mix with or overwrite data. */
final class EmptyDirectory {
    private EmptyDirectory() {
    }

    /** Throws INVALID_ARGUMENT naming {@code why} unless {@code dir} is absent or an empty directory. */
    static void require(Path dir, String why) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw RegentException.invalid(why + ": " + dir + " is a file");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw RegentException.invalid(why + ": " + dir + " is not empty (choose a new directory; nothing is "
                        + "ever overwritten)");
            }
        }
    }
}
