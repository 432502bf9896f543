package dev.regent.store.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Owner-only files and directories: the data directory (0700) and the database files in it (0600) hold token
 * hashes, every model and the audit log, so no other account on the machine may read them. Created that way, and
 * narrowed (with a logged line) when found wider, since registries made before this rule have 0644/0755 files.
 * Where the file system has no POSIX permissions nothing is changed: the directory's own ACLs protect it there.
 */
public final class PrivateFiles {
    private static final System.Logger LOG = System.getLogger(PrivateFiles.class.getName());
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /** Creates {@code dir} (and missing parents) 0700, or takes group and other access away from an existing one. */
    public static Path directory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            narrow(dir);
            return dir;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            // parents are left as the umask makes them: they may be shared (a home directory, /var/lib)
            DirectorySync.FSYNC.createDirectories(parent);
        }
        if (!posix(parent)) {
            return DirectorySync.FSYNC.createDirectories(dir);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            // the data directory's name is durable before anything inside it is acknowledged
            DirectorySync.FSYNC.sync(parent);
        } catch (FileAlreadyExistsException e) {
            // created by another process meanwhile: narrowed below like any existing one
        }
        narrow(dir);
        return dir;
    }

    /**
     * Creates {@code file} empty and 0600 when it does not exist, or takes group and other access away from an
     * existing one. Creating it before a library opens it matters: SQLite gives its -wal and -shm files the
     * database file's mode, and would create the database itself with the umask's (usually 0644).
     */
    public static void file(Path file) throws IOException {
        if (!Files.exists(file) && posix(file.toAbsolutePath().getParent())) {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
                return;
            } catch (FileAlreadyExistsException e) {
                // created by another process meanwhile: narrowed below
            }
        }
        narrowIfPresent(file);
    }

    /** Takes group and other access away from {@code file} if it exists (a -wal or -shm left by an earlier run). */
    public static void narrowIfPresent(Path file) throws IOException {
        if (Files.exists(file)) {
            narrow(file);
        }
    }

    private static void narrow(Path path) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> before = view.readAttributes().permissions();
        if (before.stream().noneMatch(OTHERS::contains)) {
            return;
        }
        Set<PosixFilePermission> after = EnumSet.copyOf(before);
        after.removeAll(OTHERS);
        view.setPermissions(after);
        LOG.log(System.Logger.Level.WARNING, "made " + path + " private: its mode was " + PosixFilePermissions.toString(before)
                + ", now " + PosixFilePermissions.toString(after) + " (the registry's data is readable by its owner only)");
    }

    private static boolean posix(Path existingDir) {
        return existingDir != null && Files.getFileAttributeView(existingDir, PosixFileAttributeView.class) != null;
    }
}
