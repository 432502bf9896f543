package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.merkle.ConsistencyProof;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.store.RegistryStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log as a signed Merkle tree: signs checkpoints (never one inconsistent with the last it signed) and
 * builds inclusion and consistency proofs. Every tree it signs or proves is recomputed from the entries.
 */
public final class AuditTree {
    private final RegistryStore store;
    private final Clock clock;

    public AuditTree(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Signs the current tree and stores the checkpoint, or returns the last one when nothing was appended since.
     * Refuses (CONFLICT) when the entries disagree with their cached hashes or with the last signed checkpoint: a
     * restored backup or an edited log is an incident to investigate, not something to re-seal.
     */
    public StoredCheckpoint checkpoint(SigningKey key) {
        Optional<String> incident = incident();
        if (incident.isPresent()) {
            throw refusal("the audit log met an incident, so it is not signed: " + incident.get());
        }
        return store.inTransaction(tx -> {
            RecomputedLog log = RecomputedLog.of(tx);
            if (!log.findings().isEmpty()) {
                throw refusal("the audit log does not verify, so it is not signed: " + String.join("; ", log.findings()));
            }
            ProofBuilder tree = new ProofBuilder(log.leaves());
            long size = log.leaves().size();
            Hash root = tree.root(size);
            Optional<StoredCheckpoint> last = tx.latestCheckpoint();
            if (last.isPresent()) {
                Checkpoint previous;
                try {
                    previous = SignedCheckpoints.open(last.get().note(), key.verifier());
                } catch (InvalidNote e) {
                    throw refusal("the last stored checkpoint (size " + last.get().size() + ") is not one this key signed: "
                            + e.getMessage());
                }
                if (previous.size() > size || !tree.consistency(previous.size(), size).verifies(previous.root(), root)) {
                    throw refusal("the audit log is not consistent with the checkpoint signed at size " + previous.size()
                            + ": refusing to sign a forked or rewritten log");
                }
                if (previous.size() == size) {
                    return last.get();
                }
            }
            String note = SignedCheckpoints.sign(Checkpoint.of(key.name(), size, root), key);
            StoredCheckpoint signed = new StoredCheckpoint(size, root, note, clock.instant());
            tx.insertCheckpoint(signed);
            return signed;
        });
    }

    /** The inclusion proof of audit entry {@code seq} (1-based) in the tree of the first {@code size} entries. */
    public InclusionProof inclusion(long seq, long size) {
        MemoryLeaves leaves = leaves(size);
        if (seq < 1 || seq > size) {
            throw RegentException.invalid("entry " + seq + " is not among the first " + size + " entries");
        }
        return new ProofBuilder(leaves).inclusion(seq - 1, size);
    }

    /** The consistency proof between the trees of the first {@code size1} and {@code size2} entries. */
    public ConsistencyProof consistency(long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw RegentException.invalid("a consistency proof goes from a smaller size to a larger one, not " + size1 + " to " + size2);
        }
        return new ProofBuilder(leaves(size2)).consistency(size1, size2);
    }

    /** The leaf hash of entry {@code seq}'s stored bytes (NOT_FOUND when there is no such entry). */
    public Hash leaf(long seq) {
        return store.read(tx -> tx.auditBytes(seq - 1, 1)).stream()
                .filter(b -> b.seq() == seq && b.bytes() != null)
                .map(b -> dev.regent.core.audit.merkle.TreeHasher.leaf(b.bytes()))
                .findFirst()
                .orElseThrow(() -> new RegentException(ErrorCode.NOT_FOUND, "audit entry " + seq + " does not exist", Map.of()));
    }

    /** The root of the first {@code size} entries. */
    public Hash root(long size) {
        return new ProofBuilder(leaves(size)).root(size);
    }

    /**
     * Verifies the whole log now: recomputes every entry's leaf from its canonical encoding and checks every stored
     * checkpoint against the recomputed tree, under the key.
     */
    public VerificationReport verify(dev.regent.core.audit.checkpoint.VerifierKey key) {
        return new AuditVerifier(store).verify(java.util.Map.of(), key);
    }

    /** The audit incident the store met (a read that found the log contradicting itself), if any. */
    public Optional<String> incident() {
        return store.auditIncident();
    }

    /** The checkpoint of the largest tree size, if one was signed. */
    public Optional<StoredCheckpoint> latestCheckpoint() {
        return store.read(tx -> tx.latestCheckpoint());
    }

    /** The number of entries in the log. */
    public long size() {
        return store.read(tx -> tx.auditHead());
    }

    private MemoryLeaves leaves(long size) {
        RecomputedLog log = store.read(RecomputedLog::of);
        if (size < 0 || size > log.leaves().size()) {
            throw RegentException.invalid("the audit log has " + log.leaves().size() + " entries, not " + size);
        }
        return log.leaves();
    }

    private static RegentException refusal(String message) {
        return new RegentException(ErrorCode.CONFLICT, message, Map.of());
    }
}
