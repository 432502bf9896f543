package dev.regent.cli;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.store.lock.DataDirLock;
import dev.regent.store.lock.LockHolder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A server's exclusive hold on its data directory: a second server on the same directory would write behind the
 * first one's caches, audit signer and policy, so it is refused at once, naming the one running. A local command
 * holds the directory only for its own short run, so a server waits a moment for it before giving up.
 */
final class ServerDirectoryLock {
    /** How long a starting server waits for local commands to finish with the directory. */
    static final Duration WAIT_FOR_LOCAL = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 100;

    private ServerDirectoryLock() {
    }

    /** Takes the directory's lock for a server starting now, or throws CONFLICT saying who holds it. */
    static DataDirLock acquire(Path dataDir, Clock clock) {
        LockHolder me = LockHolder.thisProcess(LockHolder.Kind.SERVER, clock.instant());
        long deadline = System.nanoTime() + WAIT_FOR_LOCAL.toNanos();
        while (true) {
            Optional<DataDirLock> lock = DataDirLock.tryExclusive(dataDir, me);
            if (lock.isPresent()) {
                return lock.get();
            }
            Optional<LockHolder> holder = DataDirLock.holder(dataDir).filter(LockHolder::alive);
            boolean server = holder.map(h -> h.kind() == LockHolder.Kind.SERVER).orElse(false);
            // a running server will not go away by itself: no point in waiting
            if (server || System.nanoTime() >= deadline) {
                throw refused(dataDir, holder);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw refused(dataDir, holder);
            }
        }
    }

    private static RegentException refused(Path dataDir, Optional<LockHolder> holder) {
        String dir = dataDir.toAbsolutePath().normalize().toString();
        String message = holder.map(h -> h.kind() == LockHolder.Kind.SERVER
                ? "cannot serve " + dir + ": it is already served by " + h.describe() + ", its one writer; use "
                        + h.serverAddress().map(url -> "--registry " + url).orElse("--registry URL")
                        + " to work with it, or stop that server first"
                : "cannot serve " + dir + ": " + h.describe() + " is still using it; try again when it has finished")
                .orElse("cannot serve " + dir + ": another process holds its lock (" + DataDirLock.FILE_NAME
                        + "); stop it first");
        return new RegentException(ErrorCode.CONFLICT, message, Map.of("reason", "data directory held"));
    }
}
