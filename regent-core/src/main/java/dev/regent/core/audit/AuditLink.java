package dev.regent.core.audit;

import dev.regent.core.audit.merkle.Hash;
import java.util.Objects;

/**
 * What an entry's bytes say about the previous entry of the same model: its sequence number and its leaf hash. The
 * links chain each model's entries, so a read by model can prove it returned every one (a gap breaks the chain).
 */
public record AuditLink(long seq, Hash leaf) {
    public AuditLink {
        Objects.requireNonNull(leaf, "leaf");
        if (seq < 1) {
            throw new IllegalArgumentException("an audit link names an entry from 1, got " + seq);
        }
    }

    /** The form inside the encoding: {@code <seq> " " <64 lowercase hex digits>}. */
    String text() {
        return seq + " " + leaf.hex();
    }
}
