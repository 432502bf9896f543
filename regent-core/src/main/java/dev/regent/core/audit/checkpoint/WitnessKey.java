package dev.regent.core.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A witness's public key in the signed-note verifier form with the cosignature type (c2sp.org/tlog-cosignature):
 * {@code name+hash+base64(0x04 ‖ 32-byte Ed25519 key)}, the key ID being SHA-256(name ‖ 0x0A ‖ 0x04 ‖ key)[:4]. This
 * is how witnesses are named in the configuration and on the command line.
 */
public final class WitnessKey {
    private final String name;
    private final int keyId;
    private final byte[] publicKey;
    private final PublicKey key;

    WitnessKey(String name, byte[] publicKey) {
        this.name = KeyNames.check(name);
        this.publicKey = publicKey.clone();
        this.keyId = KeyNames.keyId(name, KeyNames.COSIGNATURE_V1, publicKey);
        this.key = Ed25519.publicKey(publicKey);
    }

    /** Parses the verifier form; throws {@link InvalidNote} on anything else, a log's (0x01) key included. */
    public static WitnessKey parse(String text) {
        NoteKeyText parts = NoteKeyText.split(text, "a witness key reads name+hash+base64(0x04 || key)", "witness");
        byte[] typed = parts.typed();
        if (typed.length == 1 + Ed25519.KEY_LENGTH && typed[0] == KeyNames.ED25519) {
            throw new InvalidNote("'" + parts.name() + "' is a log's verifier key (type 0x01); a witness key has type 0x04 "
                    + "(tlog-cosignature's Ed25519 cosignature/v1)");
        }
        if (typed.length != 1 + Ed25519.KEY_LENGTH || typed[0] != KeyNames.COSIGNATURE_V1) {
            throw new InvalidNote("witness key '" + parts.name() + "' is not an Ed25519 cosignature/v1 key (type 0x04)");
        }
        WitnessKey key = new WitnessKey(parts.name(), Arrays.copyOfRange(typed, 1, typed.length));
        parts.requireKeyId(key.keyId, "witness key");
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

    /** Whether the Ed25519 signature over the message is this witness's. */
    boolean verifies(String message, byte[] signature) {
        return Ed25519.verify(key, message.getBytes(StandardCharsets.UTF_8), signature);
    }

    @Override
    public String toString() {
        byte[] typed = new byte[1 + publicKey.length];
        typed[0] = KeyNames.COSIGNATURE_V1;
        System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
        return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(typed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WitnessKey w && name.equals(w.name) && Arrays.equals(publicKey, w.publicKey);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(publicKey);
    }
}
