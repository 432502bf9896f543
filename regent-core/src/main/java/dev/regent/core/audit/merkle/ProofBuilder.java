package dev.regent.core.audit.merkle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds roots and proofs over a {@link LeafSource} (RFC 9162 §2.1.3.1 PATH and §2.1.4.1 SUBPROOF). The RFC's
 * recursions only ever descend into one half, so they are written as loops that collect the sibling subtrees top
 * down; each sibling's hash is then computed by streaming its leaves through a {@link RootAccumulator}. A proof
 * thus reads at most the first {@code size} leaves once.
 */
public final class ProofBuilder {
    /** Where a proof reads the hash of any range of leaves from: streamed leaves, or stored subtree hashes. */
    public interface Subtrees {
        /** Number of leaves available. */
        long size();

        /** The RFC 6962 hash of leaves {@code from} (inclusive) to {@code to} (exclusive), {@code from < to}. */
        Hash subtree(long from, long to);
    }

    private final Subtrees leaves;

    public ProofBuilder(LeafSource leaves) {
        this(new Subtrees() {
            @Override
            public long size() {
                return leaves.size();
            }

            @Override
            public Hash subtree(long from, long to) {
                RootAccumulator acc = new RootAccumulator();
                leaves.scan(from, to, acc::add);
                return acc.root();
            }
        });
    }

    public ProofBuilder(Subtrees subtrees) {
        this.leaves = subtrees;
    }

    /** The root of the first {@code size} leaves. */
    public Hash root(long size) {
        checkSize(size);
        return subtree(0, size);
    }

    /** The inclusion proof of leaf {@code index} (0-based) in the tree of the first {@code size} leaves. */
    public InclusionProof inclusion(long index, long size) {
        checkSize(size);
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<Hash> topDown = new ArrayList<>();
        long lo = 0;
        long hi = size;
        while (hi - lo > 1) {
            long k = largestPowerOfTwoBelow(hi - lo);
            if (index < lo + k) {
                topDown.add(subtree(lo + k, hi));
                hi = lo + k;
            } else {
                topDown.add(subtree(lo, lo + k));
                lo = lo + k;
            }
        }
        Collections.reverse(topDown);
        return new InclusionProof(index, size, topDown);
    }

    /** The consistency proof from the tree of {@code size1} leaves to the tree of {@code size2} leaves. */
    public ConsistencyProof consistency(long size1, long size2) {
        checkSize(size2);
        if (size1 < 0 || size1 > size2) {
            throw new IllegalArgumentException("no consistency proof from size " + size1 + " to size " + size2);
        }
        if (size1 == 0 || size1 == size2) {
            return new ConsistencyProof(size1, size2, List.of());
        }
        List<Hash> topDown = new ArrayList<>();
        Hash terminal = null;
        long lo = 0;
        long m = size1;
        long n = size2;
        boolean complete = true; // the RFC's b: the old tree so far is a complete subtree the verifier already holds
        while (m != n) {
            long k = largestPowerOfTwoBelow(n);
            if (m <= k) {
                topDown.add(subtree(lo + k, lo + n));
                n = k;
            } else {
                topDown.add(subtree(lo, lo + k));
                lo += k;
                m -= k;
                n -= k;
                complete = false;
            }
        }
        if (!complete) {
            terminal = subtree(lo, lo + n);
        }
        List<Hash> path = new ArrayList<>(topDown.size() + 1);
        if (terminal != null) {
            path.add(terminal);
        }
        Collections.reverse(topDown);
        path.addAll(topDown);
        return new ConsistencyProof(size1, size2, path);
    }

    /** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private Hash subtree(long from, long to) {
        return from == to ? TreeHasher.EMPTY_ROOT : leaves.subtree(from, to);
    }

    private void checkSize(long size) {
        if (size < 0 || size > leaves.size()) {
            throw new IllegalArgumentException("the log has " + leaves.size() + " leaves, not " + size);
        }
    }
}
