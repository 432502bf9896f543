package dev.regent.core.audit.merkle;

import java.util.Arrays;
import java.util.function.Consumer;

/** Leaf hashes held in memory as one packed array (32 bytes each), compact enough for millions of leaves. */
public final class MemoryLeaves implements LeafSource {
    private byte[] packed = new byte[Hash.LENGTH * 1024];
    private long size;

    /** Appends the next leaf hash. */
    public void add(Hash leaf) {
        if ((size + 1) * Hash.LENGTH > packed.length) {
            packed = Arrays.copyOf(packed, Math.multiplyExact(packed.length, 2));
        }
        System.arraycopy(leaf.bytes(), 0, packed, (int) (size * Hash.LENGTH), Hash.LENGTH);
        size++;
    }

    /** The leaf hash at index i. */
    public Hash get(long i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("leaf " + i + " of " + size);
        }
        int at = (int) (i * Hash.LENGTH);
        return Hash.wrap(Arrays.copyOfRange(packed, at, at + Hash.LENGTH));
    }

    /** Leaves {@code from} (inclusive) to {@code to} (exclusive) as tile level 0 (the level argument is ignored). */
    public java.util.List<Hash> hashes(int level, long from, long to) {
        java.util.List<Hash> out = new java.util.ArrayList<>((int) (to - from));
        scan(from, to, out::add);
        return out;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void scan(long from, long to, Consumer<Hash> sink) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalStateException("leaves " + from + ".." + to + " are not all present (have " + size + ")");
        }
        for (long i = from; i < to; i++) {
            sink.accept(get(i));
        }
    }
}
