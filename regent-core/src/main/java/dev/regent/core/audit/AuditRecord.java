package dev.regent.core.audit;

import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.Optional;

/**
 * An audit entry as the log holds it: its canonical bytes (the leaf input, the truth) and what they say, decoded
 * by {@link AuditDecoding}. {@code previous} is the link to the model's previous entry; version 1 entries carry
 * none, and neither does a model's first entry.
 */
public final class AuditRecord {
    private final byte[] bytes;
    private final int version;
    private final AuditEntry entry;
    private final String model;
    private final AuditLink previous;
    private Hash leaf;

    AuditRecord(byte[] bytes, int version, AuditEntry entry, String model, AuditLink previous) {
        this.bytes = bytes;
        this.version = version;
        this.entry = entry;
        this.model = model;
        this.previous = previous;
    }

    /** A copy of the canonical bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int version() {
        return version;
    }

    public AuditEntry entry() {
        return entry;
    }

    public long seq() {
        return entry.seq();
    }

    /** The model the entry belongs to ("" for entries outside any model). */
    public String model() {
        return model;
    }

    /** The link to the model's previous entry; empty for a model's first entry and for version 1 entries. */
    public Optional<AuditLink> previous() {
        return Optional.ofNullable(previous);
    }

    /** The RFC 6962 leaf hash of the bytes. */
    public Hash leaf() {
        if (leaf == null) {
            leaf = TreeHasher.leaf(bytes);
        }
        return leaf;
    }

    /** The link a later entry of the same model puts in its bytes to name this one. */
    public AuditLink link() {
        return new AuditLink(entry.seq(), leaf());
    }
}
