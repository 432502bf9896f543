package dev.regent.core.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The log's Ed25519 signing key with its signed-note name. Its text form is the one Go's sumdb/note uses,
 * {@code PRIVATE+KEY+name+hash+base64(0x01 ‖ seed)}, so that keys move between tools. It is a secret:
 * {@link #toString()} never shows it.
 */
public final class SigningKey {
    private static final String PREFIX = "PRIVATE+KEY+";

    private final String name;
    private final byte[] seed;
    private final KeyPair pair;
    private final VerifierKey verifier;

    private SigningKey(String name, byte[] seed) {
        this.name = KeyNames.check(name);
        this.seed = seed.clone();
        this.pair = Ed25519.fromSeed(seed);
        this.verifier = new VerifierKey(name, Ed25519.raw(pair.getPublic()));
    }

    /** A new key for the name, from the given randomness. */
    public static SigningKey generate(String name, SecureRandom random) {
        byte[] seed = new byte[Ed25519.KEY_LENGTH];
        random.nextBytes(seed);
        return new SigningKey(name, seed);
    }

    /** The key of a 32-byte Ed25519 seed (RFC 8032 private key), for the name. */
    public static SigningKey fromSeed(String name, byte[] seed) {
        return new SigningKey(name, seed);
    }

    /** Parses the text form; throws {@link InvalidNote} when it is malformed or its key hash does not match. */
    public static SigningKey parse(String text) {
        String t = text.strip();
        if (!t.startsWith(PREFIX)) {
            throw new InvalidNote("a signing key starts with " + PREFIX);
        }
        String[] parts = t.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new InvalidNote("a signing key reads PRIVATE+KEY+name+hash+key");
        }
        byte[] typed;
        try {
            typed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidNote("the signing key is not base64");
        }
        if (typed.length != 1 + Ed25519.KEY_LENGTH || typed[0] != KeyNames.ED25519) {
            throw new InvalidNote("the signing key is not an Ed25519 key");
        }
        SigningKey key = new SigningKey(parts[0], Arrays.copyOfRange(typed, 1, typed.length));
        if (key.verifier.keyId() != HexFormat.fromHexDigits(parts[1])) {
            throw new InvalidNote("the signing key's hash does not match its key");
        }
        return key;
    }

    /** The key name, which is also the origin of the checkpoints it signs. */
    public String name() {
        return name;
    }

    /** The public half, to publish. */
    public VerifierKey verifier() {
        return verifier;
    }

    /** The Ed25519 signature over the UTF-8 text. */
    public byte[] sign(String text) {
        return Ed25519.sign(pair.getPrivate(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The secret text form, for the key file. */
    public String encode() {
        byte[] typed = new byte[1 + seed.length];
        typed[0] = KeyNames.ED25519;
        System.arraycopy(seed, 0, typed, 1, seed.length);
        return PREFIX + name + "+" + verifier.keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public String toString() {
        return "SigningKey[" + verifier + "]";
    }
}
