package dev.regent.core.audit.checkpoint;

/** Checkpoints as signed notes: signing a tree head and opening one, where the key's name must be the origin. */
public final class SignedCheckpoints {
    private SignedCheckpoints() {
    }

    /** The signed note of the checkpoint; its origin must be the key's name. */
    public static String sign(Checkpoint checkpoint, SigningKey key) {
        if (!checkpoint.origin().equals(key.name())) {
            throw new InvalidNote("checkpoint origin '" + checkpoint.origin() + "' is not the key's name '" + key.name() + "'");
        }
        return SignedNote.sign(checkpoint.text(), key);
    }

    /** The checkpoint of a note signed by the key for its own origin; throws {@link InvalidNote} otherwise. */
    public static Checkpoint open(String note, VerifierKey key) {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(note, key));
        if (!checkpoint.origin().equals(key.name())) {
            throw new InvalidNote("checkpoint of origin '" + checkpoint.origin() + "' is signed by '" + key.name() + "'");
        }
        return checkpoint;
    }
}
