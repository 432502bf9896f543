package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Cosignature;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.WitnessKey;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreConflict;
import dev.regent.core.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Witness cosignatures on the log's checkpoints (c2sp.org/tlog-cosignature): accepts only a cosignature by a
 * configured witness whose signature verifies over exactly a checkpoint the log signed, stores it next to the
 * checkpoint (append-only), and shows the checkpoint with its cosignature lines, as the spec's example does.
 *
 * <p>A cosignature's timestamp says "as of then, this is the largest tree I have seen". So one is refused when it is
 * in the future or older than the checkpoint it cosigns (beyond {@link #SKEW} of clock skew), and when it contradicts
 * what the same witness said before: a later timestamp on a smaller tree, or an earlier one on a larger tree (a
 * replayed or rolled-back witness). One cosignature per witness and checkpoint is kept; sending the same one again
 * changes nothing.
 *
 * <p>Accepting one is not an audited registry change: a cosignature is a statement about the log, checked by its
 * signature alone, and an audit entry per cosignature would grow the log it cosigns, asking for a new checkpoint and a
 * new cosignature without end.
 */
public final class Cosignatures {
    /** The clock skew allowed between the registry and a witness. */
    public static final Duration SKEW = Duration.ofMinutes(10);
    private static final int MAX_LINES = 100;

    /** What accepting gave: the cosignatures stored now, and those that were already stored (sent again). */
    public record Accepted(long size, List<StoredCosignature> stored, List<StoredCosignature> alreadyStored) {
        public Accepted {
            stored = List.copyOf(stored);
            alreadyStored = List.copyOf(alreadyStored);
        }
    }

    private final RegistryStore store;
    private final Witnesses witnesses;
    private final Clock clock;

    public Cosignatures(RegistryStore store, Witnesses witnesses, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.witnesses = Objects.requireNonNull(witnesses, "witnesses");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Witnesses witnesses() {
        return witnesses;
    }

    /**
     * Accepts the cosignatures in {@code body} for the checkpoint of tree size {@code size}: either signature lines
     * (what a tlog-witness answers to add-checkpoint) or the whole cosigned note, whose text must then be exactly the
     * checkpoint's. All or nothing: one refused line stores none. A dry run checks everything and stores nothing.
     */
    public Accepted accept(long size, String body, boolean dryRun) {
        if (witnesses.isEmpty()) {
            throw refused(ErrorCode.CONFLICT, "no-witnesses", "this registry has no witnesses configured, so it accepts no "
                    + "cosignatures: name them with 'regent serve --witness NAME+HASH+KEY'", Map.of());
        }
        if (body == null || body.isBlank()) {
            throw refused(ErrorCode.INVALID_ARGUMENT, "empty", "send one or more cosignature lines "
                    + "('\u2014 <witness> <base64>'), or the checkpoint note carrying them", Map.of());
        }
        try {
            return dryRun ? store.read(tx -> acceptIn(tx, size, body, false)) : store.inTransaction(tx -> acceptIn(tx, size, body, true));
        } catch (StoreConflict e) {
            // another node stored a cosignature of the same witness on the same checkpoint between our read and insert
            throw refused(ErrorCode.ALREADY_EXISTS, "duplicate", e.getMessage(), Map.of());
        }
    }

    private Accepted acceptIn(StoreTransaction tx, long size, String body, boolean write) {
        StoredCheckpoint checkpoint = tx.checkpointOfSize(size).orElseThrow(() -> refused(ErrorCode.NOT_FOUND,
                "no-checkpoint", "the log signed no checkpoint of size " + size + ": GET /audit/v1/checkpoint "
                        + "shows the latest one", Map.of("size", size)));
        String text = text(checkpoint.note());
        List<Cosignature> lines = lines(body, text, size);
        Instant now = clock.instant();
        List<StoredCosignature> stored = new ArrayList<>();
        List<StoredCosignature> already = new ArrayList<>();
        List<StoredCosignature> existing = tx.cosignatures(size);
        for (Cosignature c : lines) {
            WitnessKey witness = witnesses.of(c).orElseThrow(() -> refused(ErrorCode.PERMISSION_DENIED, "unknown-witness",
                    "'" + c.witness() + "' (key ID " + String.format("%08x", c.keyId()) + ") is not a configured witness "
                            + "of this registry", Map.of("witness", c.witness())));
            if (!c.verifies(witness, text)) {
                throw refused(ErrorCode.INVALID_ARGUMENT, "bad-signature", "the cosignature of " + c.witness()
                        + " does not verify over the checkpoint of size " + size + " (forged, or made over another "
                        + "checkpoint or timestamp)", Map.of("witness", c.witness()));
            }
            checkTime(c, checkpoint, now);
            Optional<StoredCosignature> same = existing.stream()
                    .filter(s -> s.cosignature().witness().equals(c.witness()) && s.cosignature().keyId() == c.keyId())
                    .findFirst();
            if (same.isPresent()) {
                if (same.get().cosignature().equals(c)) {
                    already.add(same.get());
                    continue;
                }
                throw refused(ErrorCode.ALREADY_EXISTS, "duplicate", "witness " + c.witness() + " already cosigned the "
                        + "checkpoint of size " + size + " (at time " + same.get().cosignature().timestamp()
                        + "); the first cosignature is kept", Map.of("witness", c.witness()));
            }
            checkOrder(tx.cosignaturesBy(c.witness(), c.keyId()), c, size);
            StoredCosignature s = new StoredCosignature(size, c, now);
            if (write) {
                tx.insertCosignature(s);
            }
            stored.add(s);
            existing = new ArrayList<>(existing);
            existing.add(s);
        }
        return new Accepted(size, stored, already);
    }

    /** The cosignatures of the checkpoint of that size, by witness name. */
    public List<StoredCosignature> of(long size) {
        return store.read(tx -> tx.cosignatures(size));
    }

    /** The checkpoint's note with its cosignature lines after the log's signature, as c2sp.org/tlog-cosignature shows. */
    public String cosignedNote(StoredCheckpoint checkpoint) {
        return cosignedNote(checkpoint, of(checkpoint.size()));
    }

    public static String cosignedNote(StoredCheckpoint checkpoint, List<StoredCosignature> cosignatures) {
        StringBuilder note = new StringBuilder(checkpoint.note());
        cosignatures.stream().sorted(Comparator.comparing((StoredCosignature s) -> s.cosignature().witness()))
                .forEach(s -> note.append(s.cosignature().line()).append('\n'));
        return note.toString();
    }

    /**
     * How many distinct witnesses among {@code trusted} cosigned the checkpoint's note text validly, counting the
     * cosignature lines given (stored ones, or those of a note). Lines of unknown keys, failing signatures and
     * duplicates of one witness count nothing.
     */
    public static List<String> validWitnesses(String checkpointText, List<Cosignature> cosignatures, Witnesses trusted) {
        LinkedHashSet<String> valid = new LinkedHashSet<>();
        for (Cosignature c : cosignatures) {
            trusted.of(c).filter(w -> c.verifies(w, checkpointText)).ifPresent(w -> valid.add(w.toString()));
        }
        return List.copyOf(valid);
    }

    /** The signed text of a note: everything before the blank line that precedes the signatures. */
    public static String text(String note) {
        int split = note.indexOf("\n\n");
        return split < 0 ? note : note.substring(0, split + 1);
    }

    /** The cosignature lines of a note (signature lines that parse as cosignature/v1; the log's own are skipped). */
    public static List<Cosignature> linesOf(String note) {
        int split = note.indexOf("\n\n");
        List<Cosignature> out = new ArrayList<>();
        if (split < 0) {
            return out;
        }
        for (String line : note.substring(split + 2).split("\n")) {
            try {
                out.add(Cosignature.parseLine(line));
            } catch (InvalidNote e) {
                // the log's own signature, or another kind of signature: not a cosignature
            }
        }
        return out;
    }

    private List<Cosignature> lines(String body, String text, long size) {
        String b = body.replace("\r\n", "\n");
        String signatures = b;
        int split = b.indexOf("\n\n");
        if (split >= 0) {
            if (!b.substring(0, split + 1).equals(text)) {
                throw refused(ErrorCode.INVALID_ARGUMENT, "other-checkpoint", "the note sent is not the checkpoint of size "
                        + size + " the log signed: its text differs", Map.of("size", size));
            }
            signatures = b.substring(split + 2);
        }
        List<Cosignature> out = new ArrayList<>();
        String logSignature = "\u2014 " + text.substring(0, text.indexOf('\n')) + " ";
        for (String line : signatures.split("\n")) {
            if (line.isEmpty() || split >= 0 && line.startsWith(logSignature)) {
                continue; // the log's own signature on a whole note sent back
            }
            try {
                out.add(Cosignature.parseLine(line));
            } catch (InvalidNote e) {
                throw refused(ErrorCode.INVALID_ARGUMENT, "malformed", e.getMessage(), Map.of());
            }
        }
        if (out.isEmpty()) {
            throw refused(ErrorCode.INVALID_ARGUMENT, "empty", "no cosignature line was sent", Map.of());
        }
        if (out.size() > MAX_LINES) {
            throw refused(ErrorCode.INVALID_ARGUMENT, "too-many", "at most " + MAX_LINES + " cosignatures at once", Map.of());
        }
        return out;
    }

    private static void checkTime(Cosignature c, StoredCheckpoint checkpoint, Instant now) {
        if (c.timestamp() > now.plus(SKEW).getEpochSecond()) {
            throw refused(ErrorCode.INVALID_ARGUMENT, "future", "the cosignature of " + c.witness() + " is dated "
                    + Instant.ofEpochSecond(c.timestamp()) + ", in the future (now " + now + ")", Map.of("witness", c.witness()));
        }
        if (c.timestamp() < checkpoint.signedAt().minus(SKEW).getEpochSecond()) {
            throw refused(ErrorCode.INVALID_ARGUMENT, "predates-checkpoint", "the cosignature of " + c.witness()
                    + " is dated " + Instant.ofEpochSecond(c.timestamp()) + ", before the checkpoint of size "
                    + checkpoint.size() + " was signed (" + checkpoint.signedAt() + "): a replayed or misdated cosignature",
                    Map.of("witness", c.witness()));
        }
    }

    /** A witness's timestamps must grow with the tree sizes it cosigns: it never goes back to a smaller tree. */
    private static void checkOrder(List<StoredCosignature> earlier, Cosignature c, long size) {
        for (StoredCosignature s : earlier) {
            long t = s.cosignature().timestamp();
            if (s.size() < size && t > c.timestamp() || s.size() > size && t < c.timestamp()) {
                throw refused(ErrorCode.CONFLICT, "out-of-order", "witness " + c.witness() + " cosigned size " + s.size()
                        + " at time " + t + " but this cosignature says size " + size + " was the largest at time "
                        + c.timestamp() + ": a replayed cosignature, or a witness that went back", Map.of("witness", c.witness()));
            }
        }
    }

    private static RegentException refused(ErrorCode code, String reason, String message, Map<String, ?> details) {
        java.util.Map<String, Object> d = new java.util.TreeMap<>(details);
        d.put("reason", reason);
        return new RegentException(code, message, d);
    }
}
