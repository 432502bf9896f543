package dev.regent.core.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The RFC 6962 / RFC 9162 §2.1.1 hashes: a leaf is SHA-256(0x00 ‖ entry bytes), an interior node
 * SHA-256(0x01 ‖ left ‖ right), the empty tree SHA-256(""). The prefixes keep a leaf from ever passing as a node
 * (second-preimage resistance). Thread-safe: each thread hashes with its own digest (cloned once from a never-used
 * prototype), which {@link MessageDigest#digest()} resets after every hash; a full verification hashes ~2N times.
 */
public final class TreeHasher {
    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final MessageDigest PROTOTYPE = newDigest();
    private static final ThreadLocal<MessageDigest> OWN = ThreadLocal.withInitial(TreeHasher::digest);

    /** The root of the tree with no leaves. */
    public static final Hash EMPTY_ROOT = Hash.wrap(digest().digest());

    private TreeHasher() {
    }

    /** The leaf hash of one entry's bytes. */
    public static Hash leaf(byte[] entry) {
        MessageDigest d = OWN.get();
        d.update(LEAF_PREFIX);
        d.update(entry);
        return Hash.wrap(d.digest());
    }

    /** The hash of an interior node from its two children. */
    public static Hash node(Hash left, Hash right) {
        MessageDigest d = OWN.get();
        d.update(NODE_PREFIX);
        left.writeTo(d);
        right.writeTo(d);
        return Hash.wrap(d.digest());
    }

    /** A new SHA-256 digest, for a caller that hashes many leaves with one (prefix 0x00, then the entry). */
    public static MessageDigest digest() {
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
