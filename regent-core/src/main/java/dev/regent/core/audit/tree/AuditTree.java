package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.KeyChain;
import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.merkle.ConsistencyProof;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tiles.StoredTree;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreConflict;
import dev.regent.core.store.StoreTransaction;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The audit log as a signed Merkle tree: signs checkpoints (never one inconsistent with the last it signed) and
 * builds inclusion and consistency proofs, from the tree stored as it grows (tile hashes, O(log N) reads each).
 * {@link AuditVerifier} is the full check that recomputes every leaf from the entries' bytes.
 */
public final class AuditTree {
    private final RegistryStore store;
    private final Clock clock;

    public AuditTree(RegistryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    RegistryStore store() {
        return store;
    }

    /**
     * Signs the current tree and stores the checkpoint, or returns the last one when nothing was appended since.
     * Refuses (CONFLICT) when the stored tree is not consistent with the last signed checkpoint, when an entry appended
     * since then no longer gives the leaf hash stored for it, or when the store met an audit incident: a restored
     * backup or an edited log is an incident to investigate, not something to re-seal.
     *
     * <p>The work is O(log N + entries since the last checkpoint): the root and the consistency proof come from the
     * stored tile hashes, on one read snapshot, so appenders never wait; only the insert of the signed note is a
     * (short) write. Two signers of the same size on two nodes compute the same root from the same stored hashes; the
     * second insert meets the first and returns it, and a different root of the same size would be an incident.
     */
    public StoredCheckpoint checkpoint(SigningKey key) {
        Optional<String> incident = incident();
        if (incident.isPresent()) {
            throw refusal("the audit log met an incident, so it is not signed: " + incident.get());
        }
        Prepared prepared = store.read(tx -> prepare(tx, key));
        if (prepared.existing() != null) {
            return prepared.existing();
        }
        String note = SignedCheckpoints.sign(Checkpoint.of(key.name(), prepared.size(), prepared.root()), key);
        StoredCheckpoint signed = new StoredCheckpoint(prepared.size(), prepared.root(), note, clock.instant());
        try {
            store.inTransaction(tx -> {
                tx.insertCheckpoint(signed);
                return null;
            });
            return signed;
        } catch (StoreConflict e) {
            StoredCheckpoint first = store.read(tx -> tx.checkpointOfSize(signed.size())).orElseThrow(() -> e);
            if (!first.root().equals(signed.root())) {
                throw refusal("another signer stored a different tree of size " + signed.size() + ": root "
                        + first.root().hex() + ", this node computes " + signed.root().hex());
            }
            return first;
        }
    }

    private record Prepared(long size, Hash root, StoredCheckpoint existing) {
    }

    private Prepared prepare(StoreTransaction tx, SigningKey key) {
        long size = tx.auditHead();
        Optional<StoredCheckpoint> last = tx.latestCheckpoint();
        StoredTree tree = new StoredTree(tx, size);
        long from = 0;
        Checkpoint previous = null;
        KeyChain chain = chainThrough(tx, key.verifier()).orElseThrow(AuditTree::refusal);
        if (!chain.current().equals(key.verifier())) {
            throw refusal(retired(chain, key.verifier()));
        }
        wrongTransition(tx, chain, size).ifPresent(w -> {
            throw refusal(w);
        });
        if (last.isPresent()) {
            try {
                previous = chain.open(last.get().note());
            } catch (InvalidNote e) {
                throw refusal("the last stored checkpoint (size " + last.get().size() + ") is not one this key signed: "
                        + e.getMessage());
            }
            if (previous.size() > size) {
                throw refusal("the audit log holds " + size + " entries but the checkpoint signed at size " + previous.size()
                        + " covers more: refusing to sign a truncated log");
            }
            if (previous.size() == size) {
                return new Prepared(size, previous.root(), last.get());
            }
            from = previous.size();
        }
        checkNewLeaves(tx, from, size);
        Hash root;
        try {
            root = tree.root();
            if (previous != null && !new ProofBuilder(tree).consistency(previous.size(), size).verifies(previous.root(), root)) {
                throw refusal("the audit log is not consistent with the checkpoint signed at size " + previous.size()
                        + ": refusing to sign a forked or rewritten log");
            }
        } catch (IllegalStateException e) {
            throw refusal("the stored audit tree is incomplete: " + e.getMessage());
        }
        return new Prepared(size, root, null);
    }

    /**
     * The chain of signing keys through {@code anchor} of the transitions the store recorded, or (as the error) why it
     * does not verify. A log that never rotated is the chain of the anchor alone.
     */
    static KeyChainOrWhy chainThrough(StoreTransaction tx, VerifierKey anchor) {
        List<String> notes = tx.keyTransitions().stream().map(StoredKeyTransition::note).toList();
        try {
            return new KeyChainOrWhy(KeyChain.of(anchor, notes), null);
        } catch (InvalidNote e) {
            return new KeyChainOrWhy(null, "the chain of audit signing keys does not verify: " + e.getMessage());
        }
    }

    /** A chain of keys, or why there is none. */
    record KeyChainOrWhy(KeyChain chain, String why) {
        KeyChain orElseThrow(java.util.function.Function<String, RuntimeException> error) {
            if (chain == null) {
                throw error.apply(why);
            }
            return chain;
        }
    }

    /** The chain of signing keys through {@code anchor}, as the store recorded it; CONFLICT when it does not verify. */
    public KeyChain keyChain(VerifierKey anchor) {
        return store.read(tx -> chainThrough(tx, anchor).orElseThrow(AuditTree::refusal));
    }

    private static String retired(KeyChain chain, VerifierKey key) {
        KeyChain.Epoch epoch = chain.epochOf(key).orElseThrow();
        return "the audit signing key " + key + " was retired at size " + epoch.until() + ", when it handed over to "
                + chain.current() + ": a retired key signs nothing more; start with the current key";
    }

    /** Each hand-over must be of the tree the store holds: within the log and with the root the stored tiles give. */
    private static Optional<String> wrongTransition(StoreTransaction tx, KeyChain chain, long head) {
        for (KeyTransition t : chain.transitions()) {
            if (t.size() > head) {
                return Optional.of("the key transition at size " + t.size() + " covers more entries than the log's " + head
                        + ": entries were removed");
            }
            try {
                Hash root = new StoredTree(tx, t.size()).root();
                if (!root.equals(t.root())) {
                    return Optional.of("the stored audit tree is not the one the key transition at size " + t.size()
                            + " sealed: it gives root " + root.hex() + ", the transition states " + t.root().hex());
                }
            } catch (IllegalStateException e) {
                return Optional.of("the stored audit tree is incomplete: " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The entries appended since the last checkpoint must still give the leaf hashes the tree holds for them. */
    private static void checkNewLeaves(StoreTransaction tx, long from, long size) {
        long after = from;
        while (after < size) {
            int n = (int) Math.min(dev.regent.core.audit.AuditQuery.MAX_LIMIT, size - after);
            List<StoredEntryBytes> page = tx.auditBytes(after, n);
            List<Hash> stored = tx.tileHashes(0, after, after + n);
            for (int i = 0; i < n; i++) {
                long seq = after + 1 + i;
                if (i >= page.size() || page.get(i).seq() != seq || page.get(i).bytes() == null) {
                    throw refusal("the audit log does not verify, so it is not signed: entry " + seq + " is missing");
                }
                if (i >= stored.size() || !TreeHasher.leaf(page.get(i).bytes()).equals(stored.get(i))) {
                    throw refusal("the audit log does not verify, so it is not signed: entry " + seq
                            + " differs from the leaf hash cached when it was appended: edited afterwards");
                }
            }
            after += n;
        }
    }

    /** The inclusion proof of audit entry {@code seq} (1-based) in the tree of the first {@code size} entries. */
    public InclusionProof inclusion(long seq, long size) {
        if (seq < 1 || seq > size) {
            throw RegentException.invalid("entry " + seq + " is not among the first " + size + " entries");
        }
        return store.read(tx -> new ProofBuilder(tree(tx, size)).inclusion(seq - 1, size));
    }

    /** The consistency proof between the trees of the first {@code size1} and {@code size2} entries. */
    public ConsistencyProof consistency(long size1, long size2) {
        if (size1 < 0 || size1 > size2) {
            throw RegentException.invalid("a consistency proof goes from a smaller size to a larger one, not " + size1 + " to " + size2);
        }
        return store.read(tx -> new ProofBuilder(tree(tx, size2)).consistency(size1, size2));
    }

    /** The root of the first {@code size} entries. */
    public Hash root(long size) {
        return store.read(tx -> tree(tx, size).root());
    }

    private static StoredTree tree(StoreTransaction tx, long size) {
        long head = tx.auditHead();
        if (size < 0 || size > head) {
            throw RegentException.invalid("the audit log has " + head + " entries, not " + size);
        }
        return new StoredTree(tx, size);
    }

    /**
     * The stored hashes of tile level {@code level} (C2SP tlog-tiles: level 0 the leaf hashes, level L the roots of
     * complete subtrees of 256^L leaves) with indexes {@code from} to {@code to} (exclusive), as far as the log has them.
     */
    public List<Hash> tileHashes(int level, long from, long to) {
        return store.read(tx -> tx.tileHashes(level, from, to));
    }

    /** The canonical bytes of the entries with leaf indexes {@code from} to {@code to} (exclusive): entries from + 1 … to. */
    public List<byte[]> entryBytes(long from, long to) {
        return store.read(tx -> tx.auditBytes(from, (int) Math.min(Integer.MAX_VALUE, to - from))).stream()
                .map(StoredEntryBytes::bytes).toList();
    }

    /** The leaf hash of entry {@code seq}'s stored bytes (NOT_FOUND when there is no such entry). */
    public Hash leaf(long seq) {
        return store.read(tx -> tx.auditBytes(seq - 1, 1)).stream()
                .filter(b -> b.seq() == seq && b.bytes() != null)
                .map(b -> dev.regent.core.audit.merkle.TreeHasher.leaf(b.bytes()))
                .findFirst()
                .orElseThrow(() -> new RegentException(ErrorCode.NOT_FOUND, "audit entry " + seq + " does not exist", Map.of()));
    }

    /**
     * Verifies the whole log now: recomputes every entry's leaf from its canonical encoding and checks every stored
     * checkpoint against the recomputed tree, under the key.
     */
    public VerificationReport verify(dev.regent.core.audit.checkpoint.VerifierKey key) {
        return new AuditVerifier(store).verify(java.util.Map.of(), key);
    }

    /**
     * The start-up and readiness check, O(log N): the latest stored checkpoint must be signed by the key, cover no more
     * entries than the log holds, and have the root the stored tree gives at its size (the stored right edge is
     * consistent with it). Returns what is wrong, or empty when all agree (or nothing was signed yet).
     */
    public Optional<String> checkStoredTree(dev.regent.core.audit.checkpoint.VerifierKey key) {
        return store.read(tx -> {
            Optional<StoredCheckpoint> last = tx.latestCheckpoint();
            if (last.isEmpty()) {
                return Optional.empty();
            }
            KeyChainOrWhy chain = chainThrough(tx, key);
            if (chain.chain() == null) {
                return Optional.of(chain.why());
            }
            if (!chain.chain().current().equals(key)) {
                return Optional.of(retired(chain.chain(), key));
            }
            Optional<String> wrong = wrongTransition(tx, chain.chain(), tx.auditHead());
            if (wrong.isPresent()) {
                return wrong;
            }
            Checkpoint signed;
            try {
                signed = chain.chain().open(last.get().note());
            } catch (InvalidNote e) {
                return Optional.of("the latest stored checkpoint (size " + last.get().size() + ") is not one this key signed: "
                        + e.getMessage());
            }
            long head = tx.auditHead();
            if (signed.size() > head) {
                return Optional.of("the checkpoint signed at size " + signed.size() + " covers more entries than the log's "
                        + head + ": entries were removed");
            }
            try {
                Hash root = new StoredTree(tx, signed.size()).root();
                return root.equals(signed.root()) ? Optional.<String>empty()
                        : Optional.of("the stored audit tree is not the one signed at size " + signed.size() + ": it gives root "
                        + root.hex() + ", the checkpoint signed " + signed.root().hex());
            } catch (IllegalStateException e) {
                return Optional.of("the stored audit tree is incomplete: " + e.getMessage());
            }
        });
    }

    /** The audit incident the store met (a read that found the log contradicting itself), if any. */
    public Optional<String> incident() {
        return store.auditIncident();
    }

    /** The checkpoint of that tree size, if one was signed. */
    public Optional<StoredCheckpoint> checkpointOfSize(long size) {
        return store.read(tx -> tx.checkpointOfSize(size));
    }

    /** The checkpoint of the largest tree size, if one was signed. */
    public Optional<StoredCheckpoint> latestCheckpoint() {
        return store.read(tx -> tx.latestCheckpoint());
    }

    /** The number of entries in the log. */
    public long size() {
        return store.read(tx -> tx.auditHead());
    }

    private static RegentException refusal(String message) {
        return new RegentException(ErrorCode.CONFLICT, message, Map.of());
    }
}
