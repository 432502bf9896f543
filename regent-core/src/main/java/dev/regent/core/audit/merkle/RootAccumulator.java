package dev.regent.core.audit.merkle;

/**
 * Computes the root of a growing tree one leaf at a time, in O(log n) memory and without recursion: it keeps the
 * roots of the perfect subtrees the leaves so far split into (a "compact range", one per set bit of the size),
 * merging two equal ones whenever a leaf completes them. The RFC 6962 root of any size is these subtree roots
 * folded from the smallest (rightmost) to the largest.
 */
public final class RootAccumulator {
    private final Hash[] subtrees = new Hash[64];
    private int count;
    private long size;

    /** Adds the next leaf hash. */
    public void add(Hash leaf) {
        Hash carry = leaf;
        long s = size;
        // each trailing 1-bit of the old size is a perfect subtree of the same height as carry: merge it
        while ((s & 1) == 1) {
            carry = TreeHasher.node(subtrees[--count], carry);
            s >>>= 1;
        }
        subtrees[count++] = carry;
        size++;
    }

    /** How many leaves were added. */
    public long size() {
        return size;
    }

    /** The root of the leaves added so far ({@link TreeHasher#EMPTY_ROOT} for none). */
    public Hash root() {
        if (count == 0) {
            return TreeHasher.EMPTY_ROOT;
        }
        Hash root = subtrees[count - 1];
        for (int i = count - 2; i >= 0; i--) {
            root = TreeHasher.node(subtrees[i], root);
        }
        return root;
    }
}
