package dev.regent.core.audit;

/**
 * One entry as a full scan of the log reads it, in sequence order: its stored bytes (null when they were removed),
 * the leaf hash cached for it (null when none) and what its derived columns say.
 */
public record ScannedEntry(long seq, byte[] bytes, byte[] cachedLeaf, AuditColumns columns) {
}
