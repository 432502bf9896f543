package dev.regent.core.audit.checkpoint;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * C2SP signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, then signature lines
 * {@code — <key name> base64(key ID ‖ signature)}. Opening is strict: anything malformed is refused, signatures of
 * unknown keys are ignored (as the spec requires), a failing signature of the expected key refuses the whole note,
 * and so does a note without one.
 */
public final class SignedNote {
    private static final String DASH = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    private SignedNote() {
    }

    /** The note: the text signed by the key. The text must be non-empty, end in a newline and hold no control characters. */
    public static String sign(String text, SigningKey key) {
        checkCharacters(text);
        if (text.isEmpty() || !text.endsWith("\n")) {
            throw new InvalidNote("a note's text must be non-empty and end with a newline");
        }
        byte[] sig = key.sign(text);
        byte[] blob = ByteBuffer.allocate(4 + sig.length).putInt(key.verifier().keyId()).put(sig).array();
        return text + "\n" + DASH + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
    }

    /**
     * The note signed by every key in turn, one signature line each, in order (c2sp.org/signed-note allows several
     * signatures on one note; a key transition carries the old key's and the new key's).
     */
    public static String signAll(String text, SigningKey... keys) {
        if (keys.length == 0) {
            throw new InvalidNote("a note needs at least one signature");
        }
        StringBuilder note = new StringBuilder(sign(text, keys[0]));
        for (int i = 1; i < keys.length; i++) {
            String one = sign(text, keys[i]);
            note.append(one, text.length() + 1, one.length());
        }
        return note.toString();
    }

    /** Whether the note carries a signature line of the key (its name and key ID) that verifies; a failing one throws. */
    public static boolean signedBy(String note, VerifierKey key) {
        return verified(note, key) != null;
    }

    /** The text of the note once the key's signature on it verifies; throws {@link InvalidNote} saying why otherwise. */
    public static String open(String note, VerifierKey key) {
        String text = verified(note, key);
        if (text == null) {
            throw new InvalidNote("the note is not signed by " + key.name() + "+" + key.keyIdHex());
        }
        return text;
    }

    /**
     * The note's text, before its signature lines, read without checking any signature: to learn which key must have
     * signed it (a key transition names its own) or what it claims (a checkpoint's size), before {@link #open}.
     */
    public static String unverifiedText(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new InvalidNote("not a signed note: no blank line before the signatures");
        }
        return note.substring(0, split + 1);
    }

    /** The text when the key's signature verifies, null when the note has none of it; throws on anything malformed. */
    private static String verified(String note, VerifierKey key) {
        checkCharacters(note);
        String text = unverifiedText(note);
        String signatures = note.substring(text.length() + 1);
        if (signatures.isEmpty() || !signatures.endsWith("\n")) {
            throw new InvalidNote("a signed note ends with signature lines, each ending in a newline");
        }
        String[] lines = signatures.substring(0, signatures.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new InvalidNote("too many signatures (" + lines.length + ")");
        }
        boolean verified = false;
        for (String line : lines) {
            if (!line.startsWith(DASH)) {
                throw new InvalidNote("malformed signature line '" + line + "'");
            }
            String[] parts = line.substring(DASH.length()).split(" ", -1);
            if (parts.length != 2) {
                throw new InvalidNote("malformed signature line '" + line + "'");
            }
            KeyNames.check(parts[0]);
            byte[] blob;
            try {
                blob = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new InvalidNote("signature of '" + parts[0] + "' is not base64");
            }
            if (blob.length < 5) {
                throw new InvalidNote("signature of '" + parts[0] + "' is too short");
            }
            ByteBuffer b = ByteBuffer.wrap(blob);
            int id = b.getInt();
            if (!parts[0].equals(key.name()) || id != key.keyId()) {
                continue; // another key's signature (a witness, a rotated key): not ours to judge
            }
            byte[] sig = new byte[b.remaining()];
            b.get(sig);
            if (!key.verifies(text, sig)) {
                throw new InvalidNote("the signature of " + key.name() + "+" + key.keyIdHex() + " does not verify");
            }
            verified = true;
        }
        return verified ? text : null;
    }

    private static void checkCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\n' || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                throw new InvalidNote("a signed note holds no control characters other than newline");
            }
        }
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
