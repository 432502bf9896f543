package dev.regent.core.webhook;

import java.util.Base64;
import java.util.random.RandomGenerator;

/**
 * A webhook's signing secret as the Standard Webhooks specification spells it: "whsec_" and the base64 of 32 random
 * bytes. Shown to its creator once; the server keeps it, because it must sign with it.
 */
public final class WebhookSecret {
    public static final String PREFIX = "whsec_";
    /**
     * How a secret reads when its stored form does not open (sealed for another webhook, under another key, edited, or
     * its key file is missing): followed by why. It signs nothing; a delivery of its webhook is refused and the webhook
     * flagged, and a rotation replaces it.
     */
    public static final String UNREADABLE = "unreadable: ";

    private WebhookSecret() {
    }

    /** A new secret of 256 random bits (the random source must be a SecureRandom in production). */
    public static String generate(RandomGenerator random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** The secret that stands for one that cannot be read, saying why. */
    public static String unreadable(String why) {
        return UNREADABLE + why;
    }

    /** Whether {@code secret} stands for one that cannot be read. */
    public static boolean isUnreadable(String secret) {
        return secret != null && secret.startsWith(UNREADABLE);
    }

    /** The HMAC key the Standard Webhooks signature uses: the bytes after the prefix, base64-decoded. */
    public static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with " + PREFIX);
        }
        return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
    }
}
