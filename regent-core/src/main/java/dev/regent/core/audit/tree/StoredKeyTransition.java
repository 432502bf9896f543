package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.KeyTransition;
import java.time.Instant;
import java.util.Objects;

/**
 * A hand-over of the log's signing key as the store keeps it: the tree size it happened at, the old and new verifier
 * keys (in their text form, so the store can hold "a key hands over once"), the signed note, and when it was recorded.
 * The store does not judge the note; {@link dev.regent.core.audit.checkpoint.KeyChain} does, every time it is read.
 */
public record StoredKeyTransition(long size, String fromKey, String toKey, String note, Instant recordedAt) {
    public StoredKeyTransition {
        Objects.requireNonNull(fromKey, "fromKey");
        Objects.requireNonNull(toKey, "toKey");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(recordedAt, "recordedAt");
        recordedAt = Instant.ofEpochMilli(recordedAt.toEpochMilli());
    }

    /** The row of a transition and its signed note. */
    public static StoredKeyTransition of(KeyTransition transition, String note, Instant recordedAt) {
        return new StoredKeyTransition(transition.size(), transition.from().toString(), transition.to().toString(), note,
                recordedAt);
    }
}
