package dev.regent.core.audit.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/**
 * A witness's Ed25519 cosigning key (c2sp.org/tlog-cosignature): what a witness holds to cosign checkpoints. Regent
 * runs no witness; this is for tests and for an operator who wants to try the flow with a key of their own.
 */
public final class CosigningKey {
    private final KeyPair pair;
    private final WitnessKey witness;

    private CosigningKey(String name, byte[] seed) {
        this.pair = Ed25519.fromSeed(seed);
        this.witness = new WitnessKey(name, Ed25519.raw(pair.getPublic()));
    }

    /** The key of a 32-byte Ed25519 seed, for the witness name. */
    public static CosigningKey fromSeed(String name, byte[] seed) {
        return new CosigningKey(name, seed);
    }

    /** The public half, in the form the configuration takes. */
    public WitnessKey witness() {
        return witness;
    }

    /** The cosignature of the checkpoint's note text at the timestamp (POSIX seconds). */
    public Cosignature cosign(String checkpointText, long timestamp) {
        byte[] sig = Ed25519.sign(pair.getPrivate(),
                Cosignature.message(checkpointText, timestamp).getBytes(StandardCharsets.UTF_8));
        return new Cosignature(witness.name(), witness.keyId(), timestamp, sig);
    }

    @Override
    public String toString() {
        return "CosigningKey[" + witness + "]";
    }
}
