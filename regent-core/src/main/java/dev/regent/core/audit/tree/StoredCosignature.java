package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Cosignature;
import java.time.Instant;
import java.util.Objects;

/** A witness's cosignature on the checkpoint of a tree size, as the store keeps it, and when it was received. */
public record StoredCosignature(long size, Cosignature cosignature, Instant receivedAt) {
    public StoredCosignature {
        Objects.requireNonNull(cosignature, "cosignature");
        receivedAt = Instant.ofEpochMilli(receivedAt.toEpochMilli());
    }
}
