package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** A content digest, always SHA-256, written "sha256:" followed by 64 lowercase hex digits. */
public record Digest(String value) {
    private static final Pattern PATTERN = Pattern.compile("sha256:[0-9a-f]{64}");

    public Digest {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw RegentException.invalid("invalid digest '" + Check.printable(String.valueOf(value))
                    + "': expected 'sha256:' followed by 64 lowercase hex digits");
        }
    }

    public static Digest parse(String value) {
        return new Digest(value);
    }

    public static Digest ofSha256(byte[] hash) {
        if (hash.length != 32) {
            throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, got " + hash.length);
        }
        return new Digest("sha256:" + HexFormat.of().formatHex(hash));
    }

    /** The SHA-256 digest of the given bytes. */
    public static Digest sha256Of(byte[] content) {
        return ofSha256(newSha256().digest(content));
    }

    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The 64 hex digits without the algorithm prefix. */
    public String hex() {
        return value.substring("sha256:".length());
    }

    /** The first 12 hex digits, for tables. */
    public String shortForm() {
        return "sha256:" + hex().substring(0, 12);
    }

    @Override
    public String toString() {
        return value;
    }
}
