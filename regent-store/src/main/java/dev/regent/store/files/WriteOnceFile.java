package dev.regent.store.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files that are written once and never replaced (keys, published checkpoints, blobs): content goes to a temporary
 * file beside the target, is forced to disk, then published under the final name by a hard link, which fails
 * atomically when the name exists — so racing writers never replace each other, and the first file wins. The
 * directory is synced after each new name (the created directories, the published file), so a power cut after an
 * acknowledgement cannot take the name away: a lost signing-key name would mean a new key and every checkpoint
 * signed before failing to verify.
 */
public final class WriteOnceFile {
    private WriteOnceFile() {
    }

    /**
     * Creates {@code file} with {@code content} unless it exists, and returns what the file holds afterwards: the
     * given content, or the content another writer published first. {@code ownerOnly} creates it 0600 (where POSIX).
     */
    public static byte[] createOrRead(Path file, byte[] content, boolean ownerOnly) throws IOException {
        return createOrRead(file, content, ownerOnly, DirectorySync.FSYNC);
    }

    /** As above, making names durable with {@code sync}. */
    public static byte[] createOrRead(Path file, byte[] content, boolean ownerOnly, DirectorySync sync) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            return Files.readAllBytes(target);
        }
        Path dir = target.getParent();
        sync.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", attributes(dir, ownerOnly));
        try {
            Files.write(temp, content);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            publish(temp, target, sync);
        } finally {
            Files.deleteIfExists(temp);
        }
        return Files.readAllBytes(target);
    }

    /**
     * Gives {@code temp} the name {@code target} unless a file of that name exists; returns whether it did. The
     * temporary file is gone afterwards either way. Where hard links are not supported, a rename that does not
     * replace an existing file.
     */
    public static boolean publish(Path temp, Path target) throws IOException {
        return publish(temp, target, DirectorySync.FSYNC);
    }

    /** As above; a new name is made durable with {@code sync} before this returns true. */
    public static boolean publish(Path temp, Path target, DirectorySync sync) throws IOException {
        boolean published = link(temp, target);
        if (published) {
            sync.sync(target.getParent());
        }
        return published;
    }

    private static boolean link(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // no hard links on this file system (or across these directories): a non-replacing rename instead
            if (Files.exists(target)) {
                return false;
            }
            try {
                Files.move(temp, target);
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static FileAttribute<?>[] attributes(Path dir, boolean ownerOnly) {
        if (ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        // not POSIX: the directory's own permissions are what protects the file
        return new FileAttribute<?>[0];
    }
}
