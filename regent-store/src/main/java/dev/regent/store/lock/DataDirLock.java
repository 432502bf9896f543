package dev.regent.store.lock;

import dev.regent.store.files.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OS lock that makes one process the writer of an embedded (SQLite) data directory: {@code DIR/regent.lock}.
 * A server takes it exclusively; local-mode commands take it shared, so they run side by side (SQLite serialises
 * their writes) but never beside a server, whose caches, audit signer and policy assume it is the only writer. The
 * operating system releases it when its process ends, crash included, so a lock is never left behind; the file stays
 * (deleting it would race with the next holder) and its content names the latest holder, for refusal messages.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "regent.lock";
    // The lock covers one byte far past the content, so that on systems whose locks are mandatory (Windows) the
    // content stays readable by the processes it refuses; SQLite keeps its lock bytes out of the way the same way.
    private static final long LOCK_BYTE = 1L << 30;
    // POSIX record locks belong to the process, and closing any descriptor of the file drops all of them; so this
    // process must never open the lock file again while it holds the lock. This table is where it looks first: it
    // is per process because the locks are.
    private static final Map<Path, Held> HELD = new HashMap<>();

    private final Held held;
    private boolean closed;

    private DataDirLock(Held held) {
        this.held = held;
    }

    /** Takes the lock as the only holder (a server); empty when anyone else, in this process or another, holds it. */
    public static Optional<DataDirLock> tryExclusive(Path dataDir, LockHolder me) {
        return tryLock(dataDir, me, false);
    }

    /** Takes the lock beside other local commands; empty when a server (or anything exclusive) holds it. */
    public static Optional<DataDirLock> tryShared(Path dataDir, LockHolder me) {
        return tryLock(dataDir, me, true);
    }

    /** Who holds, or last held, the directory's lock, as far as its lock file (or this process) tells. */
    public static Optional<LockHolder> holder(Path dataDir) {
        Path file = file(dataDir);
        synchronized (HELD) {
            Held mine = HELD.get(file);
            if (mine != null) {
                return Optional.of(mine.holder);
            }
            try {
                return LockHolder.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | UncheckedIOException e) {
                return Optional.empty();
            }
        }
    }

    /** Rewrites the lock file to say who holds it now (a server that has learnt its address). */
    public void advertise(LockHolder now) {
        synchronized (HELD) {
            held.holder = now;
            held.write();
        }
    }

    /** Releases this hold; the lock itself goes when the last hold in this process is released. */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            if (--held.holds > 0) {
                return;
            }
            HELD.remove(held.file);
            try {
                held.lock.release();
                held.channel.close();
            } catch (IOException e) {
                // the lock goes with the descriptor; a failed close leaves nothing held
            }
        }
    }

    private static Optional<DataDirLock> tryLock(Path dataDir, LockHolder me, boolean shared) {
        Path file = file(dataDir);
        synchronized (HELD) {
            Held mine = HELD.get(file);
            if (mine != null) {
                if (shared && mine.shared) {
                    mine.holds++;
                    return Optional.of(new DataDirLock(mine));
                }
                return Optional.empty();
            }
            FileChannel channel = open(file);
            try {
                FileLock lock = channel.tryLock(LOCK_BYTE, 1, shared);
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                Held taken = new Held(file, channel, lock, shared, me);
                taken.write();
                HELD.put(file, taken);
                return Optional.of(new DataDirLock(taken));
            } catch (OverlappingFileLockException e) {
                // not reached while the table is right; kept as "held", which is what it means
                return Optional.empty();
            } catch (IOException e) {
                closeQuietly(channel);
                throw new UncheckedIOException("cannot lock " + file, e);
            } catch (RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
    }

    private static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
    }

    private static FileChannel open(Path file) {
        try {
            PrivateFiles.directory(file.getParent());
            boolean posix = Files.getFileAttributeView(file.getParent(), PosixFileAttributeView.class) != null;
            return posix ? FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lock file " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    /** One lock this process holds, with how many holds (local sessions) share it. */
    private static final class Held {
        final Path file;
        final FileChannel channel;
        final FileLock lock;
        final boolean shared;
        LockHolder holder;
        int holds = 1;

        Held(Path file, FileChannel channel, FileLock lock, boolean shared, LockHolder holder) {
            this.file = file;
            this.channel = channel;
            this.lock = lock;
            this.shared = shared;
            this.holder = holder;
        }

        /** The holder into the file, through the locked descriptor (opening another one would drop the lock). */
        void write() {
            try {
                byte[] text = holder.encode().getBytes(StandardCharsets.UTF_8);
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text), 0);
            } catch (IOException e) {
                // the content only informs refusal messages; the lock is what excludes
                System.getLogger(DataDirLock.class.getName()).log(System.Logger.Level.WARNING,
                        "cannot write " + file + ": " + e.getMessage());
            }
        }
    }
}
