package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.KeyChain;
import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.store.RegistryStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the audit log the way an outside auditor would: recomputes the tree from the entries, then checks each
 * checkpoint (the given notes and those the log stored) for the key's signature, its root against the recomputed
 * tree, and consistency between successive checkpoints. Never trusts the cached leaf hashes or stored roots.
 */
public final class AuditVerifier {
    private final RegistryStore store;

    public AuditVerifier(RegistryStore store) {
        this.store = store;
    }

    /**
     * Verifies the log against the named checkpoint notes (label → note text) and the stored ones, under the key: the
     * key the verifier trusts, from which the chain of recorded key transitions is followed (each checkpoint must be
     * signed by the key in effect at its size; {@link KeyChain}).
     */
    public VerificationReport verify(Map<String, String> notes, VerifierKey key) {
        return verify(notes, key, Witnesses.NONE, 0);
    }

    /**
     * Also requires the latest checkpoint (the largest of the given and stored ones that opens under the key) to carry
     * valid cosignatures (c2sp.org/tlog-cosignature) of at least {@code required} distinct witnesses among
     * {@code witnesses}: those stored with it and the cosignature lines of given notes of the same size count; lines of
     * other keys, failing signatures and a second line of one witness count nothing.
     */
    public VerificationReport verify(Map<String, String> notes, VerifierKey key, Witnesses witnesses, int required) {
        Map<String, String> all = new LinkedHashMap<>(notes);
        AuditTree.KeyChainOrWhy[] chainOrWhy = new AuditTree.KeyChainOrWhy[1];
        RecomputedLog log = store.read(tx -> {
            tx.checkpoints().forEach(c -> all.put("stored checkpoint of size " + c.size(), c.note()));
            chainOrWhy[0] = AuditTree.chainThrough(tx, key);
            return RecomputedLog.of(tx);
        });
        List<String> findings = new ArrayList<>();
        // a chain that does not verify is a finding; the checkpoints are then checked under the given key alone
        KeyChain chain = chainOrWhy[0].chain() != null ? chainOrWhy[0].chain() : KeyChain.of(key);
        if (chainOrWhy[0].chain() == null) {
            findings.add(chainOrWhy[0].why());
        }
        findings.addAll(log.findings());
        long first = log.firstDivergent();
        long n = log.leaves().size();
        // roots and consistency proofs of every checkpoint from the recomputed leaves' tiles, O(log N) hashes each
        ProofBuilder tree = new ProofBuilder(new dev.regent.core.audit.tiles.StoredTree(
                new dev.regent.core.audit.tiles.MemoryTiles(log.leaves()), n));

        List<Opened> valid = new ArrayList<>();
        for (Map.Entry<String, String> note : all.entrySet()) {
            try {
                valid.add(new Opened(note.getKey(), chain.open(note.getValue())));
            } catch (InvalidNote e) {
                findings.add(note.getKey() + " is not a valid checkpoint of " + key.name() + ": " + e.getMessage());
            }
        }
        // a hand-over states the old key's last tree: it is checked like a checkpoint, root and consistency
        for (KeyTransition t : chain.transitions()) {
            valid.add(new Opened("the key transition at size " + t.size() + " (key " + t.from().keyIdHex() + " to "
                    + t.to().keyIdHex() + ")", t.checkpoint()));
        }
        valid.sort(Comparator.comparingLong(o -> o.checkpoint().size()));
        long lastGood = 0;
        for (Opened o : valid) {
            long size = o.checkpoint().size();
            if (size > n) {
                findings.add(o.label() + " covers " + size + " entries but the log holds " + n
                        + ": entries " + (n + 1) + ".." + size + " are gone (truncated)");
                first = first == 0 ? n + 1 : Math.min(first, n + 1);
                continue;
            }
            Hash root = tree.root(size);
            if (root.equals(o.checkpoint().root())) {
                lastGood = Math.max(lastGood, size);
            } else {
                findings.add(o.label() + " (size " + size + ") does not match the entries: it signed root "
                        + o.checkpoint().root().hex() + ", the entries give " + root.hex()
                        + "; an entry among " + (lastGood + 1) + ".." + size + " was changed, removed or reordered");
                first = first == 0 ? lastGood + 1 : first;
            }
        }
        for (int i = 1; i < valid.size(); i++) {
            Checkpoint a = valid.get(i - 1).checkpoint();
            Checkpoint b = valid.get(i).checkpoint();
            if (b.size() > n) {
                break;
            }
            if (!tree.consistency(a.size(), b.size()).verifies(a.root(), b.root())) {
                findings.add("checkpoints of size " + a.size() + " and " + b.size() + " are not consistent with each other");
            }
        }
        if (required > 0) {
            checkCosignatures(notes, valid, witnesses, required, findings);
        }
        return new VerificationReport(n, tree.root(n), valid.size(), findings, first);
    }

    private void checkCosignatures(Map<String, String> notes, List<Opened> valid, Witnesses witnesses, int required,
                                   List<String> findings) {
        if (valid.isEmpty()) {
            findings.add(required + " witness cosignature(s) required, but there is no valid checkpoint to cosign");
            return;
        }
        Checkpoint latest = valid.get(valid.size() - 1).checkpoint();
        List<dev.regent.core.audit.checkpoint.Cosignature> lines = new ArrayList<>();
        store.read(tx -> tx.cosignatures(latest.size())).forEach(c -> lines.add(c.cosignature()));
        for (String note : notes.values()) {
            if (Cosignatures.text(note).equals(latest.text())) {
                lines.addAll(Cosignatures.linesOf(note));
            }
        }
        List<String> cosigned = Cosignatures.validWitnesses(latest.text(), lines, witnesses);
        if (cosigned.size() < required) {
            findings.add("the latest checkpoint (size " + latest.size() + ") carries valid cosignatures of " + cosigned.size()
                    + " of the " + witnesses.keys().size() + " given witness(es)" + (cosigned.isEmpty() ? "" : " ("
                    + String.join(", ", cosigned.stream().map(w -> w.substring(0, w.indexOf('+'))).toList()) + ")")
                    + "; " + required + " required");
        }
    }

    private record Opened(String label, Checkpoint checkpoint) {
    }
}
