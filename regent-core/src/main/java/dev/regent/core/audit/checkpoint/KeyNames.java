package dev.regent.core.audit.checkpoint;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Signed-note key names and key IDs (c2sp.org/signed-note): the rules both signer and verifier keys follow. */
final class KeyNames {
    /** The signature type byte of Ed25519 in signed notes. */
    static final byte ED25519 = 0x01;
    /** The signature type byte of Ed25519 cosignatures (c2sp.org/tlog-cosignature, cosignature/v1). */
    static final byte COSIGNATURE_V1 = 0x04;

    private KeyNames() {
    }

    /** Throws when the name is empty or holds a Unicode space, a '+' or a control character. */
    static String check(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidNote("a key name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '+' || c < 0x20 || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidNote("a key name must not contain spaces, '+' or control characters: '" + name + "'");
            }
        }
        return name;
    }

    /** key ID = SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian. */
    static int keyId(String name, byte[] publicKey) {
        return keyId(name, ED25519, publicKey);
    }

    /** key ID = SHA-256(key name ‖ 0x0A ‖ type ‖ public key)[:4], big-endian. */
    static int keyId(String name, byte type, byte[] publicKey) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(name.getBytes(StandardCharsets.UTF_8));
            d.update((byte) '\n');
            d.update(type);
            d.update(publicKey);
            return ByteBuffer.wrap(d.digest()).getInt();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
