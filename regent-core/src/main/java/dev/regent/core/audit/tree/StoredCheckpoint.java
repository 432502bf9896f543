package dev.regent.core.audit.tree;

import dev.regent.core.audit.merkle.Hash;
import java.time.Instant;
import java.util.Objects;

/** A checkpoint the log signed, as the store keeps it: tree size, root, the whole signed note, and when. */
public record StoredCheckpoint(long size, Hash root, String note, Instant signedAt) {
    public StoredCheckpoint {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(signedAt, "signedAt");
        signedAt = Instant.ofEpochMilli(signedAt.toEpochMilli());
    }
}
