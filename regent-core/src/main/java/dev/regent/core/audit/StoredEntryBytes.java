package dev.regent.core.audit;

/** One audit_log row's sequence number and canonical bytes, as stored (neither yet checked against the other). */
public record StoredEntryBytes(long seq, byte[] bytes) {
}
