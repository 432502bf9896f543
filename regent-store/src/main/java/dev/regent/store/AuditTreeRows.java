package dev.regent.store;

import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.tree.CachedLeaf;
import dev.regent.core.audit.tree.StoredCheckpoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The audit tree's rows: cached leaf hashes (written by {@link AuditRows#append}) and signed checkpoints. */
final class AuditTreeRows {
    private static final String CHECKPOINT_COLUMNS = "SELECT size, root, note, signed_at FROM checkpoints";

    private static final String COSIGNATURE_COLUMNS =
            "SELECT size, witness, key_id, cosigned_at, signature, received_at FROM checkpoint_cosignatures";

    private final Sql sql;

    AuditTreeRows(Sql sql) {
        this.sql = sql;
    }

    long head() {
        return sql.first("SELECT seq FROM audit_head WHERE id = 1", rs -> rs.getLong(1))
                .orElseThrow(() -> new IllegalStateException("audit_head has no row: the schema was not migrated"));
    }

    /** Locks the audit counter for the rest of the transaction (see {@link Dialect#lockAuditHeadSql()}). */
    void lockHead() {
        sql.first(sql.dialect().lockAuditHeadSql(), rs -> rs.getLong(1))
                .orElseThrow(() -> new IllegalStateException("audit_head has no row: the schema was not migrated"));
    }

    List<CachedLeaf> leaves(long afterSeq, int limit) {
        return sql.list("SELECT seq, hash FROM audit_leaves WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new CachedLeaf(rs.getLong(1), Hash.of(rs.getBytes(2))), afterSeq, limit);
    }

    List<StoredEntryBytes> bytes(long afterSeq, int limit) {
        return sql.list("SELECT l.seq, e.entry FROM audit_log l LEFT JOIN audit_entries e ON e.seq = l.seq"
                + " WHERE l.seq > ? ORDER BY l.seq LIMIT ?",
                rs -> new StoredEntryBytes(rs.getLong(1), rs.getBytes(2)), afterSeq, limit);
    }

    Map<String, Long> modelHeads() {
        Map<String, Long> heads = new HashMap<>();
        sql.list("SELECT model, seq FROM audit_model_heads", rs -> heads.put(rs.getString(1), rs.getLong(2)));
        return heads;
    }

    void insertCheckpoint(StoredCheckpoint c) {
        sql.guardedUpdate(() -> "a checkpoint of size " + c.size() + " already exists",
                "INSERT INTO checkpoints (size, root, note, signed_at) VALUES (?, ?, ?, ?)",
                c.size(), c.root().bytes(), c.note(), c.signedAt().toEpochMilli());
    }

    Optional<StoredCheckpoint> ofSize(long size) {
        return sql.first(CHECKPOINT_COLUMNS + " WHERE size = ?", AuditTreeRows::checkpoint, size);
    }

    Optional<StoredCheckpoint> latest() {
        return sql.first(CHECKPOINT_COLUMNS + " ORDER BY size DESC LIMIT 1", AuditTreeRows::checkpoint);
    }

    List<StoredCheckpoint> all() {
        return sql.list(CHECKPOINT_COLUMNS + " ORDER BY size", AuditTreeRows::checkpoint);
    }

    void insertKeyTransition(dev.regent.core.audit.tree.StoredKeyTransition t) {
        sql.guardedUpdate(() -> "a key transition at size " + t.size() + ", or from or to one of its keys, already exists",
                "INSERT INTO key_transitions (size, from_key, to_key, note, recorded_at) VALUES (?, ?, ?, ?, ?)",
                t.size(), t.fromKey(), t.toKey(), t.note(), t.recordedAt().toEpochMilli());
    }

    List<dev.regent.core.audit.tree.StoredKeyTransition> keyTransitions() {
        return sql.list("SELECT size, from_key, to_key, note, recorded_at FROM key_transitions ORDER BY size",
                rs -> new dev.regent.core.audit.tree.StoredKeyTransition(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Instant.ofEpochMilli(rs.getLong(5))));
    }

    void insertCosignature(dev.regent.core.audit.tree.StoredCosignature s) {
        dev.regent.core.audit.checkpoint.Cosignature c = s.cosignature();
        sql.guardedUpdate(() -> "witness " + c.witness() + " already cosigned the checkpoint of size " + s.size(),
                "INSERT INTO checkpoint_cosignatures (size, witness, key_id, cosigned_at, signature, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                s.size(), c.witness(), c.keyId(), c.timestamp(), c.signature(), s.receivedAt().toEpochMilli());
    }

    List<dev.regent.core.audit.tree.StoredCosignature> cosignatures(long size) {
        return sql.list(COSIGNATURE_COLUMNS + " WHERE size = ? ORDER BY witness, key_id", AuditTreeRows::cosignature, size);
    }

    List<dev.regent.core.audit.tree.StoredCosignature> cosignaturesBy(String witness, int keyId) {
        return sql.list(COSIGNATURE_COLUMNS + " WHERE witness = ? AND key_id = ? ORDER BY size", AuditTreeRows::cosignature,
                witness, keyId);
    }

    private static dev.regent.core.audit.tree.StoredCosignature cosignature(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new dev.regent.core.audit.tree.StoredCosignature(rs.getLong(1), new dev.regent.core.audit.checkpoint.Cosignature(
                rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getBytes(5)), Instant.ofEpochMilli(rs.getLong(6)));
    }

    private static StoredCheckpoint checkpoint(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new StoredCheckpoint(rs.getLong(1), Hash.of(rs.getBytes(2)), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)));
    }
}
