package dev.regent.core.audit.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/** A SHA-256 hash in the audit Merkle tree: exactly 32 bytes, immutable, compared by value. */
public final class Hash {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A hash from 32 bytes (copied); throws IllegalArgumentException on any other length. */
    public static Hash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, got " + (bytes == null ? "none" : bytes.length));
        }
        return new Hash(bytes.clone());
    }

    /** Takes ownership of a digest's fresh output, which nobody else holds, without copying. */
    static Hash wrap(byte[] digest) {
        return new Hash(digest);
    }

    /** A hash from 64 hex digits. */
    public static Hash ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    /** A hash from its standard base64 form (RFC 4648 §4), as checkpoints write it. */
    public static Hash ofBase64(String base64) {
        return of(Base64.getDecoder().decode(base64));
    }

    /** A copy of the 32 bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Feeds the bytes to a digest without copying them. */
    void writeTo(java.security.MessageDigest digest) {
        digest.update(bytes);
    }

    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
