package dev.regent.core.store;

import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.tree.CachedLeaf;
import dev.regent.core.audit.tree.StoredCheckpoint;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log's Merkle tree as stored: leaf hashes cached at append time (in the appending transaction) and the
 * checkpoints the log signed. Neither is trusted by verification, which recomputes leaves from the entries.
 */
public interface AuditTreeRecords extends dev.regent.core.audit.tiles.TileHashReader {

    /** The sequence number the audit counter has reached: the size the log claims, whatever rows remain. */
    long auditHead();

    /** Cached leaf hashes of entries after {@code afterSeq}, in sequence order, at most {@code limit} of them. */
    List<CachedLeaf> auditLeaves(long afterSeq, int limit);

    /** The stored bytes of the entries after {@code afterSeq}, in sequence order, at most {@code limit} of them. */
    List<StoredEntryBytes> auditBytes(long afterSeq, int limit);

    /** What the derived columns say of the entries after {@code afterSeq}, in sequence order, at most {@code limit}. */
    List<AuditColumns> auditColumns(long afterSeq, int limit);

    /**
     * Every entry of the log in sequence order, in one sequential pass (cursors with a large fetch size, not pages):
     * its bytes, cached leaf hash and derived columns, handed to the visitor one by one. For full verification.
     */
    void scanAudit(java.util.function.Consumer<dev.regent.core.audit.ScannedEntry> visitor);

    /** The newest entry of each model ("" for entries outside any model), as the append path recorded it. */
    Map<String, Long> auditModelHeads();

    /** Records a signed checkpoint; throws {@link StoreConflict} when one of that size exists. */
    void insertCheckpoint(StoredCheckpoint checkpoint);

    /** The checkpoint of that tree size, if one was signed. */
    Optional<StoredCheckpoint> checkpointOfSize(long size);

    /** The checkpoint of the largest tree size, if any was signed. */
    Optional<StoredCheckpoint> latestCheckpoint();

    /** Every stored checkpoint, by tree size. */
    List<StoredCheckpoint> checkpoints();

    /**
     * Records a hand-over of the signing key; throws {@link StoreConflict} when one of that size, or one from or to the
     * same key, exists (a key hands over once).
     */
    void insertKeyTransition(dev.regent.core.audit.tree.StoredKeyTransition transition);

    /** Every recorded hand-over of the signing key, by tree size. */
    List<dev.regent.core.audit.tree.StoredKeyTransition> keyTransitions();

    /** Records a witness's cosignature; throws {@link StoreConflict} when that witness's key already cosigned that size. */
    void insertCosignature(dev.regent.core.audit.tree.StoredCosignature cosignature);

    /** The cosignatures of the checkpoint of that size, by witness name. */
    List<dev.regent.core.audit.tree.StoredCosignature> cosignatures(long size);

    /** Every cosignature of one witness key (name and key ID), by tree size. */
    List<dev.regent.core.audit.tree.StoredCosignature> cosignaturesBy(String witness, int keyId);
}
