package dev.regent.core.access;

import dev.regent.core.model.Digest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The stored form of presented bearer secrets ({@link TokenSecret#hash}), remembered per thread for the last secret
 * it hashed: a client sends the same token on every request, and a request thread that served it last time answers
 * with the digest it made then instead of hashing again (SHA-256, a hex string and the digest's own format check on
 * every authenticated request). The presented secret is compared in constant time with
 * {@link MessageDigest#isEqual}, so how long the answer takes says nothing about how much of a remembered secret a
 * guess shares; only the last secret per thread is kept, so nothing grows with the secrets presented.
 */
public final class TokenHashes {
    private record Last(byte[] secret, Digest hash) {
    }

    private static final ThreadLocal<Last> LAST = new ThreadLocal<>();

    private TokenHashes() {
    }

    /** {@link TokenSecret#hash} of a well-formed secret. */
    public static Digest of(String secret) {
        byte[] presented = secret.getBytes(StandardCharsets.US_ASCII);
        Last last = LAST.get();
        if (last != null && MessageDigest.isEqual(last.secret(), presented)) {
            return last.hash();
        }
        Digest hash = TokenSecret.hash(secret); // the stored form is defined there, once
        LAST.set(new Last(presented, hash));
        return hash;
    }
}
