package dev.regent.core.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A public key that checks signed notes, in the signed-note verifier form {@code name+hash+base64(0x01 ‖ key)}
 * (hash: the 8 hex digits of the key ID). This string is what an auditor keeps next to published checkpoints.
 */
public final class VerifierKey {
    private final String name;
    private final int keyId;
    private final byte[] publicKey;
    private final PublicKey key;

    VerifierKey(String name, byte[] publicKey) {
        this.name = KeyNames.check(name);
        this.publicKey = publicKey.clone();
        this.keyId = KeyNames.keyId(name, publicKey);
        this.key = Ed25519.publicKey(publicKey);
    }

    /** Parses the verifier form; throws {@link InvalidNote} on anything else, including a key ID that does not match. */
    public static VerifierKey parse(String text) {
        NoteKeyText parts = NoteKeyText.split(text, "a verifier key reads name+hash+key", "verifier key");
        byte[] typed = parts.typed();
        if (typed.length != 1 + Ed25519.KEY_LENGTH || typed[0] != KeyNames.ED25519) {
            throw new InvalidNote("verifier key '" + parts.name() + "' is not an Ed25519 key");
        }
        VerifierKey key = new VerifierKey(parts.name(), Arrays.copyOfRange(typed, 1, typed.length));
        parts.requireKeyId(key.keyId, "verifier key");
        return key;
    }

    public String name() {
        return name;
    }

    /** The 4-byte key ID as a big-endian number. */
    public int keyId() {
        return keyId;
    }

    public String keyIdHex() {
        return HexFormat.of().toHexDigits(keyId);
    }

    /** Whether the Ed25519 signature over the text is this key's. */
    public boolean verifies(String text, byte[] signature) {
        return Ed25519.verify(key, text.getBytes(StandardCharsets.UTF_8), signature);
    }

    @Override
    public String toString() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = KeyNames.ED25519;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerifierKey v && name.equals(v.name) && Arrays.equals(publicKey, v.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }
}
