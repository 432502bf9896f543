package dev.regent.store.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Makes a directory's entries durable. A file that was forced to disk can still vanish after a power cut when the
 * directory entry that names it was not: so every create, link and rename an acknowledgement depends on is followed
 * by a sync of the directory that holds the new name ({@link #FSYNC}). A test passes a recording implementation to
 * check the order.
 */
@FunctionalInterface
public interface DirectorySync {
    /** fsync(2) of the directory; a no-op where a directory cannot be opened (Windows), whose file system journals names. */
    DirectorySync FSYNC = dir -> {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!System.getProperty("os.name", "").startsWith("Windows")) {
                throw e;
            }
        }
    };

    /** Makes the entries of {@code directory} durable. */
    void sync(Path directory) throws IOException;

    /**
     * Creates {@code dir} and any missing parents, each with {@code attributes}, syncing the parent of every directory
     * it creates (top down), so no name on the path can be lost once this returns. Returns {@code dir}.
     */
    default Path createDirectories(Path dir, FileAttribute<?>... attributes) throws IOException {
        Path target = dir.toAbsolutePath();
        Deque<Path> missing = new ArrayDeque<>();
        for (Path d = target; d != null && !Files.isDirectory(d); d = d.getParent()) {
            missing.push(d);
        }
        while (!missing.isEmpty()) {
            Path d = missing.pop();
            try {
                Files.createDirectory(d, attributes);
            } catch (FileAlreadyExistsException raced) {
                if (!Files.isDirectory(d)) {
                    throw raced;
                }
            }
            sync(d.getParent());
        }
        return dir;
    }
}
