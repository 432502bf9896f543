package dev.regent.core.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 / RFC 9162 §2.1.1 hashes: a leaf is SHA-256(0x00 ‖ entry bytes), an interior node
 * SHA-256(0x01 ‖ left ‖ right), the empty tree SHA-256(""). The prefixes keep a leaf from ever passing as a node
 * (second-preimage resistance). Thread-safe: each call works on its own clone of a never-used prototype digest.
 */
public final class TreeHasher {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final MessageDigest PROTOTYPE = newDigest();

    /** The root of the tree with no leaves. */
    public static final Hash EMPTY_ROOT = Hash.wrap(digest().digest());

    private TreeHasher() {
    }

    /** The leaf hash of one entry's bytes. */
    public static Hash leaf(byte[] entry) {
        MessageDigest d = digest();
        d.update(LEAF_PREFIX);
        d.update(entry);
        return Hash.wrap(d.digest());
    }

    /** The hash of an interior node from its two children. */
    public static Hash node(Hash left, Hash right) {
        MessageDigest d = digest();
        d.update(NODE_PREFIX);
        left.writeTo(d);
        right.writeTo(d);
        return Hash.wrap(d.digest());
    }

    private static MessageDigest digest() {
        try {
            // cloning skips the provider lookup, which costs more than hashing a short entry
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newDigest();
        }
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
