package dev.regent.core.audit.merkle;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Proof that the leaf at {@code leafIndex} (0-based) is in the tree of {@code treeSize} leaves: the sibling
 * hashes from the leaf up to the root (RFC 9162 §2.1.3). Verification follows §2.1.3.2 exactly.
 */
public record InclusionProof(long leafIndex, long treeSize, List<Hash> path) {
    public InclusionProof {
        Objects.requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /** The root this proof leads to from the given leaf hash, or empty when the proof cannot be valid for any root. */
    public Optional<Hash> rootFrom(Hash leaf) {
        if (leafIndex < 0 || leafIndex >= treeSize) {
            return Optional.empty();
        }
        long fn = leafIndex;
        long sn = treeSize - 1;
        Hash r = leaf;
        for (Hash p : path) {
            if (sn == 0) {
                return Optional.empty();
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = TreeHasher.node(p, r);
                // a left child with no right sibling at this level: climb to where it is a right child
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = TreeHasher.node(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 ? Optional.of(r) : Optional.empty();
    }

    /** Whether this proof shows the leaf hash is at {@code leafIndex} in the tree of {@code treeSize} with that root. */
    public boolean verifies(Hash leaf, Hash root) {
        return rootFrom(leaf).map(root::equals).orElse(false);
    }
}
