package dev.regent.core.access;

import dev.regent.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The secret of a bearer token: "rgt_" and 43 base64url characters (256 random bits). Shown once when created; the
 * registry keeps only its SHA-256 (a fast hash is right here: the secret is random, not a password to brute-force).
 */
public final class TokenSecret {
    public static final String PREFIX = "rgt_";
    private static final Pattern FORMAT = Pattern.compile("rgt_[A-Za-z0-9_-]{43}");

    private TokenSecret() {
    }

    /** A new secret from 32 random bytes (the random source must be a SecureRandom in production). */
    public static String generate(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether the text has the shape of a secret (checked before any lookup). */
    public static boolean wellFormed(String secret) {
        return secret != null && FORMAT.matcher(secret).matches();
    }

    /** The stored form of a secret. */
    public static Digest hash(String secret) {
        return Digest.sha256Of(secret.getBytes(StandardCharsets.US_ASCII));
    }
}
