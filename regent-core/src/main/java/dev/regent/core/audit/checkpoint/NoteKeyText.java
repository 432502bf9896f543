package dev.regent.core.audit.checkpoint;

import java.util.Base64;
import java.util.HexFormat;

/**
 * A key written in the signed-note verifier form, {@code name+hash+base64(type ‖ key)}, split but not yet checked for
 * its type: the shared reading of a log's verifier key ({@link VerifierKey}) and a witness's ({@link WitnessKey}).
 */
record NoteKeyText(String name, String hash, byte[] typed) {

    /**
     * Splits {@code text}; {@code form} names the expected form in the refusal ("a witness key reads …") and
     * {@code keyOf} what the key belongs to ("witness", "verifier key").
     */
    static NoteKeyText split(String text, String form, String keyOf) {
        String[] parts = text.strip().split("\\+", 3);
        if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
            throw new InvalidNote(form + ", got '" + text.strip() + "'");
        }
        try {
            return new NoteKeyText(parts[0], parts[1], Base64.getDecoder().decode(parts[2]));
        } catch (IllegalArgumentException e) {
            throw new InvalidNote("the key of " + keyOf + " '" + parts[0] + "' is not base64");
        }
    }

    /** Refuses a key whose ID is not the hash this text names; {@code what} is "witness key" or "verifier key". */
    void requireKeyId(int keyId, String what) {
        if (keyId != HexFormat.fromHexDigits(hash)) {
            throw new InvalidNote(what + " '" + name + "' names key hash " + hash + " but its key hashes to "
                    + HexFormat.of().toHexDigits(keyId));
        }
    }
}
