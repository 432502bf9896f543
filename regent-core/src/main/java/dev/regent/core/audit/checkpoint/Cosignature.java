package dev.regent.core.audit.checkpoint;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One witness's Ed25519 cosignature on a checkpoint (c2sp.org/tlog-cosignature, cosignature/v1): a signed-note
 * signature line {@code — <witness name> base64(key ID[4] ‖ timestamp[8, big-endian] ‖ Ed25519 signature[64])} whose
 * signature covers {@code "cosignature/v1\ntime <timestamp>\n"} followed by the checkpoint's note text. The timestamp
 * is POSIX seconds; it says "as of then, this is the largest consistent tree I have seen of this log".
 */
public record Cosignature(String witness, int keyId, long timestamp, byte[] signature) {
    private static final String DASH = "\u2014 ";
    static final int SIGNATURE_LENGTH = 64;

    public Cosignature {
        KeyNames.check(witness);
        if (timestamp < 0) {
            throw new InvalidNote("a cosignature's timestamp is at most 2^63-1");
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new InvalidNote("an Ed25519 cosignature is 64 bytes, got " + signature.length);
        }
        signature = signature.clone();
    }

    /** The message a cosignature/v1 signs: the header line, the time line, then the checkpoint's note text. */
    public static String message(String checkpointText, long timestamp) {
        return "cosignature/v1\ntime " + timestamp + "\n" + checkpointText;
    }

    /**
     * Parses one signature line; throws {@link InvalidNote} when it is not a signature line, or its blob is not
     * 4 + 8 + 64 bytes (which is also what a log's own 0x01 signature of 4 + 64 bytes fails).
     */
    public static Cosignature parseLine(String line) {
        String l = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        if (!l.startsWith(DASH)) {
            throw new InvalidNote("a cosignature is a signature line '\u2014 <witness> <base64>', got '" + shorten(l) + "'");
        }
        String[] parts = l.substring(DASH.length()).split(" ", -1);
        if (parts.length != 2) {
            throw new InvalidNote("malformed signature line '" + shorten(l) + "'");
        }
        KeyNames.check(parts[0]);
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidNote("the cosignature of '" + parts[0] + "' is not base64");
        }
        if (blob.length != 4 + 8 + SIGNATURE_LENGTH) {
            throw new InvalidNote("the signature of '" + parts[0] + "' is " + blob.length + " bytes, not a cosignature/v1 "
                    + "(key ID, timestamp, Ed25519 signature: 76 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(blob);
        int id = b.getInt();
        long timestamp = b.getLong();
        if (timestamp < 0) {
            throw new InvalidNote("the cosignature of '" + parts[0] + "' has a timestamp above 2^63-1");
        }
        byte[] sig = new byte[SIGNATURE_LENGTH];
        b.get(sig);
        return new Cosignature(parts[0], id, timestamp, sig);
    }

    /** The signature line, without its newline. */
    public String line() {
        byte[] blob = ByteBuffer.allocate(4 + 8 + SIGNATURE_LENGTH).putInt(keyId).putLong(timestamp).put(signature).array();
        return DASH + witness + " " + Base64.getEncoder().encodeToString(blob);
    }

    /** Whether this cosignature is the key's (same name and key ID) — not yet whether it verifies. */
    public boolean isBy(WitnessKey key) {
        return witness.equals(key.name()) && keyId == key.keyId();
    }

    /** Whether it is the key's and its signature verifies over the checkpoint's note text at its timestamp. */
    public boolean verifies(WitnessKey key, String checkpointText) {
        return isBy(key) && key.verifies(message(checkpointText, timestamp), signature);
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cosignature c && witness.equals(c.witness) && keyId == c.keyId && timestamp == c.timestamp
                && Arrays.equals(signature, c.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(witness, keyId, timestamp) * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return line();
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
