package dev.regent.store;

import dev.regent.core.store.StorageFull;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Remembers that the database refused a write for lack of space, so readiness can say so while writes cannot
 * succeed — also where the process cannot measure the free space itself (PostgreSQL's disk is on its server).
 * A committed write clears it at once; otherwise it is reported for {@link #RECHECK_AFTER} after the last refusal,
 * then readiness comes back and the next write tests the disk again (a refusal reports it again). Nothing here
 * probes the disk: a probe that writes and rolls back can succeed on a full disk (free pages, preallocated WAL).
 */
final class StorageWatch {
    static final Duration RECHECK_AFTER = Duration.ofSeconds(30);

    private record Refusal(String message, Instant at) {
    }

    private final Clock clock;
    private volatile Refusal last;

    StorageWatch(Clock clock) {
        this.clock = clock;
    }

    void refused(StorageFull e) {
        last = new Refusal(e.getMessage(), clock.instant());
    }

    void wrote() {
        if (last != null) {
            last = null;
        }
    }

    /** What readiness reports while the last refusal is recent and no write has committed since. */
    Optional<String> condition() {
        Refusal r = last;
        if (r == null || clock.instant().isAfter(r.at().plus(RECHECK_AFTER))) {
            return Optional.empty();
        }
        return Optional.of("storage full: " + r.message() + " (refused at " + r.at() + "; readiness returns when a write "
                + "succeeds, or " + RECHECK_AFTER.toSeconds() + " s after the last refusal)");
    }
}
