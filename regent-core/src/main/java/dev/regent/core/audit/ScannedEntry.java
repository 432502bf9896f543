package dev.regent.core.audit;

import java.util.function.Supplier;

/**
 * One entry as a full scan of the log reads it, in sequence order: its stored bytes (null when they were removed),
 * the leaf hash cached for it (null when none) and what its derived columns say. The columns are built from what the
 * scan read on first use, so that a verifier consuming entries on another thread than the reading one (the
 * database driver's) also does that work there.
 */
public final class ScannedEntry {
    private final long seq;
    private final byte[] bytes;
    private final byte[] cachedLeaf;
    private Supplier<AuditColumns> read;
    private AuditColumns columns;

    public ScannedEntry(long seq, byte[] bytes, byte[] cachedLeaf, Supplier<AuditColumns> columns) {
        this.seq = seq;
        this.bytes = bytes;
        this.cachedLeaf = cachedLeaf;
        this.read = columns;
    }

    public ScannedEntry(long seq, byte[] bytes, byte[] cachedLeaf, AuditColumns columns) {
        this(seq, bytes, cachedLeaf, () -> columns);
    }

    public long seq() {
        return seq;
    }

    public byte[] bytes() {
        return bytes;
    }

    public byte[] cachedLeaf() {
        return cachedLeaf;
    }

    /** What the derived columns say (built once, on the calling thread, from what the scan read). */
    public AuditColumns columns() {
        if (columns == null) {
            columns = read.get();
            read = null;
        }
        return columns;
    }
}
