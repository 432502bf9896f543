package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the audit tree with the registry's key, on demand and on a schedule (every {@link Schedule#everyEntries()}
 * new entries, or {@link Schedule#every()} after the last checkpoint when anything was appended since), and hands
 * each new checkpoint to a {@link Sink} (e.g. a write-once directory an auditor keeps).
 *
 * <p>A refusal to sign (the log does not verify, or is not consistent with the last checkpoint; or the sink already
 * holds a different checkpoint of that size) is an <em>incident</em>: it is kept, the schedule stops signing, and
 * {@link #incident()} names it until an operator investigates and restarts. Nothing is ever re-sealed.
 */
public final class CheckpointSigner {
    /** Where signed checkpoints are published besides the store. */
    public interface Sink {
        /** Publishes a checkpoint; throws a CONFLICT RegentException when it holds a different one of the same size. */
        void publish(StoredCheckpoint checkpoint);

        Sink NONE = checkpoint -> { };
    }

    /** Sign every {@code everyEntries} new entries or {@code every} after the last checkpoint, whichever comes first. */
    public record Schedule(long everyEntries, Duration every) {
        public static final long DEFAULT_ENTRIES = 1000;
        public static final Duration DEFAULT_EVERY = Duration.ofSeconds(60);

        public Schedule {
            Objects.requireNonNull(every, "every");
            if (everyEntries < 1) {
                throw RegentException.invalid("checkpoints are signed every N entries with N >= 1, got " + everyEntries);
            }
            if (every.isNegative() || every.isZero()) {
                throw RegentException.invalid("the checkpoint interval must be positive, got " + every);
            }
        }

        public static Schedule defaults() {
            return new Schedule(DEFAULT_ENTRIES, DEFAULT_EVERY);
        }
    }

    private final AuditTree tree;
    private final SigningKey key;
    private final Sink sink;
    private final Schedule schedule;
    private final Clock clock;
    private final Cosignatures cosignatures;
    private volatile String incident;
    private long lastSize = -1;
    private Instant lastSignedAt;

    public CheckpointSigner(AuditTree tree, SigningKey key, Sink sink, Schedule schedule, Clock clock) {
        this(tree, key, sink, schedule, clock, Witnesses.NONE);
    }

    /** A signer whose checkpoints the given witnesses may cosign. */
    public CheckpointSigner(AuditTree tree, SigningKey key, Sink sink, Schedule schedule, Clock clock, Witnesses witnesses) {
        this.cosignatures = new Cosignatures(tree.store(), witnesses, clock);
        this.tree = Objects.requireNonNull(tree, "tree");
        this.key = Objects.requireNonNull(key, "key");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AuditTree tree() {
        return tree;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The witnesses' cosignatures on this log's checkpoints. */
    public Cosignatures cosignatures() {
        return cosignatures;
    }

    /** The public key that verifies this signer's checkpoints. */
    public VerifierKey verifier() {
        return key.verifier();
    }

    /** The latest stored checkpoint, if one was signed. */
    public Optional<StoredCheckpoint> latest() {
        return tree.latestCheckpoint();
    }

    /** The reason signing was refused, if it was: the log needs investigating, and nothing is signed until a restart. */
    public Optional<String> incident() {
        return Optional.ofNullable(incident).or(tree::incident);
    }

    /**
     * Checks the stored tree against the latest signed checkpoint (O(log N), see {@link AuditTree#checkStoredTree}); a
     * disagreement becomes the incident. Run at start, before the server says it is ready, and by /ready.
     */
    public Optional<String> checkStoredTree() {
        if (incident != null) {
            return Optional.of(incident);
        }
        Optional<String> wrong = tree.checkStoredTree(key.verifier());
        wrong.ifPresent(w -> incident = w);
        return incident();
    }

    /**
     * Signs the current tree now (or returns the latest checkpoint when nothing was appended since) and publishes it.
     * A refusal (CONFLICT) is recorded as the incident and thrown.
     */
    public synchronized StoredCheckpoint signNow() {
        try {
            StoredCheckpoint signed = tree.checkpoint(key);
            sink.publish(signed);
            lastSize = signed.size();
            lastSignedAt = clock.instant();
            return signed;
        } catch (RegentException e) {
            if (e.code() == ErrorCode.CONFLICT) {
                incident = e.getMessage();
            }
            throw e;
        }
    }

    /**
     * Signs when the schedule says so; returns the new checkpoint, or empty when none was due or an incident stopped
     * signing. Throws what {@link #signNow()} throws.
     */
    public synchronized Optional<StoredCheckpoint> tick() {
        if (incident().isPresent()) {
            return Optional.empty();
        }
        if (lastSize < 0) {
            Optional<StoredCheckpoint> latest = tree.latestCheckpoint();
            lastSize = latest.map(StoredCheckpoint::size).orElse(0L);
            lastSignedAt = latest.map(StoredCheckpoint::signedAt).orElse(Instant.MIN);
        }
        long size = tree.size();
        if (size < lastSize) {
            // the counter went backwards: signing would be refused; make it the incident through the same path
            return Optional.of(signNow());
        }
        boolean due = size - lastSize >= schedule.everyEntries()
                || size > lastSize && !clock.instant().isBefore(lastSignedAt.plus(schedule.every()));
        return due ? Optional.of(signNow()) : Optional.empty();
    }
}
