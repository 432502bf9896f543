package dev.regent.core.audit.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proof that the tree of {@code size1} leaves is a prefix of the tree of {@code size2} leaves (RFC 9162 §2.1.4):
 * whoever holds both roots can check that nothing among the first {@code size1} leaves changed. Verification
 * follows §2.1.4.2 exactly.
 */
public record ConsistencyProof(long size1, long size2, List<Hash> path) {
    public ConsistencyProof {
        Objects.requireNonNull(path, "path");
        path = List.copyOf(path);
    }

    /** Whether this proof shows that the tree with root1 at size1 is a prefix of the tree with root2 at size2. */
    public boolean verifies(Hash root1, Hash root2) {
        if (size1 < 0 || size2 < size1) {
            return false;
        }
        if (size1 == size2) {
            return path.isEmpty() && root1.equals(root2);
        }
        if (size1 == 0) {
            // the empty tree is a prefix of every tree; there is nothing to prove
            return path.isEmpty();
        }
        if (path.isEmpty()) {
            return false;
        }
        List<Hash> c = new ArrayList<>(path.size() + 1);
        if (Long.bitCount(size1) == 1) {
            // the old tree is a complete subtree of the new one, so its root starts the path
            c.add(root1);
        }
        c.addAll(path);
        long fn = size1 - 1;
        long sn = size2 - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = c.get(0);
        Hash sr = c.get(0);
        for (Hash p : c.subList(1, c.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = TreeHasher.node(p, fr);
                sr = TreeHasher.node(p, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = TreeHasher.node(sr, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        return sn == 0 && fr.equals(root1) && sr.equals(root2);
    }
}
