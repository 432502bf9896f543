package dev.regent.store.blob;

import dev.regent.core.blob.BlobStore;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.store.StorageFull;
import dev.regent.core.store.StoreFailure;
import dev.regent.store.files.DirectorySync;
import dev.regent.store.files.WriteOnceFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Blobs as files under a root directory ({@code <data>/blobs}): content with digest {@code sha256:abcd…} lives
 * at {@code sha256/ab/cd…} (the first two hex digits name a directory, the other 62 the file). A put streams
 * into {@code tmp/} while hashing, fsyncs, then publishes the file under its digest without ever replacing an
 * existing one, and fsyncs the directory so the new name survives a crash. Files are 0600 and directories 0700
 * where the file system has POSIX permissions. Paths come only from a validated {@link Digest}, so no input can
 * name a file outside the root.
 */
public final class FileBlobStore implements BlobStore {
    private static final int BUFFER = 64 * 1024;
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path root;
    private final boolean posix;
    private final DirectorySync sync;

    /** A blob store rooted at {@code root} (created on the first put). */
    public FileBlobStore(Path root) {
        this(root, DirectorySync.FSYNC);
    }

    /** As above, making new names durable with {@code sync} (tests record the order). */
    public FileBlobStore(Path root, DirectorySync sync) {
        this.sync = sync;
        this.root = root.toAbsolutePath().normalize();
        Path existing = this.root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        this.posix = existing != null && Files.getFileAttributeView(existing,
                PosixFileAttributeView.class) != null;
    }

    /** The root directory. */
    public Path root() {
        return root;
    }

    @Override
    public Digest put(InputStream content, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        Path tmp = null;
        try {
            Path tmpDir = directory(root.resolve("tmp"));
            tmp = posix ? Files.createTempFile(tmpDir, "put-", ".tmp", fileMode()) : Files.createTempFile(tmpDir, "put-", ".tmp");
            Digest digest = copy(content, tmp, maxBytes);
            Path target = path(digest);
            directory(target.getParent());
            // content-addressed: a file already under this name holds the same bytes, so losing the race is fine;
            // publishing syncs the shard directory, so the name is durable before the digest is acknowledged
            WriteOnceFile.publish(tmp, target, sync);
            tmp = null;
            return digest;
        } catch (IOException e) {
            if (NoSpace.is(e)) {
                throw new StorageFull("no space left under " + root + " to store the upload (" + e.getMessage()
                        + "): nothing was kept; free space on that disk, then send it again", e);
            }
            if (NoSpace.notWritable(e)) {
                throw new dev.regent.core.store.StorageNotWritable("the blob store under " + root + " cannot be written ("
                        + e.getMessage() + "): nothing was kept; give the server's user write access to it (or remount it "
                        + "read-write), then send the upload again", e);
            }
            throw new StoreFailure("cannot store content under " + root + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public long usableSpace() {
        Path existing = root;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public Optional<InputStream> open(Digest digest) {
        try {
            return Optional.of(Files.newInputStream(path(digest)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreFailure("cannot read stored content " + digest + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean contains(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    /**
     * Whether the stored content still hashes to its digest: false when it was changed on disk (or is missing),
     * which no write of this store can cause.
     */
    public boolean verify(Digest digest) {
        Optional<InputStream> in = open(digest);
        if (in.isEmpty()) {
            return false;
        }
        try (InputStream stream = in.get()) {
            MessageDigest sha = Digest.newSha256();
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = stream.read(buffer)) != -1; ) {
                sha.update(buffer, 0, n);
            }
            return Digest.ofSha256(sha.digest()).equals(digest);
        } catch (IOException e) {
            throw new StoreFailure("cannot read stored content " + digest + ": " + e.getMessage(), e);
        }
    }

    /** Where content with this digest is (or would be) stored. */
    public Path path(Digest digest) {
        String hex = digest.hex();
        return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }

    /** Streams the content into the file while hashing and counting it, and forces it to disk. */
    private static Digest copy(InputStream content, Path tmp, long maxBytes) throws IOException {
        MessageDigest sha = Digest.newSha256();
        long total = 0;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
             OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = content.read(buffer)) != -1; ) {
                total += n;
                if (total > maxBytes) {
                    throw RegentException.invalid("the content exceeds the limit of " + maxBytes + " bytes");
                }
                sha.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            out.flush();
            channel.force(true);
        }
        return Digest.ofSha256(sha.digest());
    }

    /** Creates the directory (0700) if needed. */
    private Path directory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (posix) {
                // each new directory's name (blobs/, sha256/, the shard) made durable in its parent
                sync.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
                // The umask may have removed bits from the requested mode; only ever narrower, but be exact.
                for (Path d = dir; d != null && d.startsWith(root); d = d.getParent()) {
                    Files.setPosixFilePermissions(d, DIR_MODE);
                }
            } else {
                sync.createDirectories(dir);
            }
        }
        return dir;
    }

    private static FileAttribute<Set<PosixFilePermission>> fileMode() {
        return PosixFilePermissions.asFileAttribute(FILE_MODE);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A leftover file in tmp/ holds no published content; it must not hide the original error.
            }
        }
    }

    @Override
    public String toString() {
        return "blobs in " + root;
    }
}
