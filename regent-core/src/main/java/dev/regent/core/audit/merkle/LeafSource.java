package dev.regent.core.audit.merkle;

import java.util.function.Consumer;

/** Where proofs read leaf hashes from: an in-memory list, the store's cache, or hashes recomputed from entries. */
public interface LeafSource {

    /** Number of leaves available. */
    long size();

    /**
     * Feeds the leaf hashes with indexes {@code from} (inclusive) to {@code to} (exclusive), in order, to the sink;
     * throws IllegalStateException when any of them is missing.
     */
    void scan(long from, long to, Consumer<Hash> sink);
}
