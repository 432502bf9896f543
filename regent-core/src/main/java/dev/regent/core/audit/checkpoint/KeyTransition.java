package dev.regent.core.audit.checkpoint;

import dev.regent.core.audit.merkle.Hash;
import java.util.Objects;

/**
 * A hand-over of a log's signing key: "the log {@code origin} of {@code size} entries with root {@code root} is the
 * last tree key {@code from} speaks for; from there on key {@code to} signs it". Its note text is
 *
 * <pre>
 * regent-audit-key-transition/v1
 * &lt;origin&gt;
 * &lt;size&gt;
 * &lt;root, base64&gt;
 * &lt;old verifier key&gt;
 * &lt;new verifier key&gt;
 * </pre>
 *
 * signed as a C2SP signed note by the old key (it authorizes its successor, so whoever trusts the old key can follow
 * the chain forwards) and by the new key (it proves the successor's holder took over, and vouches for the history
 * before it, so whoever trusts the new key can follow the chain backwards). When the old key is lost it cannot sign:
 * such a transition carries the new key's signature alone and only a verifier given the new key out of band accepts it.
 * The first line keeps a transition from ever reading as a checkpoint (whose second line is a number) and the reverse.
 */
public record KeyTransition(String origin, long size, Hash root, VerifierKey from, VerifierKey to) {
    static final String HEADER = "regent-audit-key-transition/v1";

    public KeyTransition {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (size < 0) {
            throw new InvalidNote("a tree size is not negative");
        }
        if (!from.name().equals(origin) || !to.name().equals(origin)) {
            throw new InvalidNote("a key transition keeps the log's origin '" + origin + "': both keys are named by it, got '"
                    + from.name() + "' and '" + to.name() + "'");
        }
        if (from.equals(to) || from.keyId() == to.keyId()) {
            throw new InvalidNote("a key transition names a new key, not the old one again (" + from.keyIdHex() + ")");
        }
    }

    /** The note text (six lines, each ending in a newline). */
    public String text() {
        return HEADER + "\n" + origin + "\n" + size + "\n" + root.base64() + "\n" + from + "\n" + to + "\n";
    }

    /** The checkpoint of the old key this transition seals: the same origin, size and root. */
    public Checkpoint checkpoint() {
        return Checkpoint.of(origin, size, root);
    }

    /** The note signed by the old key, then the new one. */
    public String sign(SigningKey oldKey, SigningKey newKey) {
        requireKeys(oldKey, newKey);
        return SignedNote.signAll(text(), oldKey, newKey);
    }

    /** The note signed by the new key alone: the old key is lost (see the class comment for who accepts it). */
    public String signWithoutOldKey(SigningKey newKey) {
        requireKeys(null, newKey);
        return SignedNote.sign(text(), newKey);
    }

    private void requireKeys(SigningKey oldKey, SigningKey newKey) {
        if (oldKey != null && !oldKey.verifier().equals(from)) {
            throw new InvalidNote("the old key " + oldKey.verifier() + " is not the transition's " + from);
        }
        if (!newKey.verifier().equals(to)) {
            throw new InvalidNote("the new key " + newKey.verifier() + " is not the transition's " + to);
        }
    }

    /** Whether the note (of this transition) carries a valid signature of the old key. */
    public boolean endorsedIn(String note) {
        return SignedNote.signedBy(note, from);
    }

    /**
     * The transition a note states, once the new key's signature on it verifies (the old key's is checked by who follows
     * the chain, {@link KeyChain}); throws {@link InvalidNote} on anything malformed or unsigned.
     */
    public static KeyTransition open(String note) {
        KeyTransition t = parse(SignedNote.unverifiedText(note));
        SignedNote.open(note, t.to);
        return t;
    }

    /** Parses the note text; accepts exactly what {@link #text()} writes. */
    public static KeyTransition parse(String text) {
        if (!text.endsWith("\n")) {
            throw new InvalidNote("a key transition ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length != 6 || !lines[0].equals(HEADER)) {
            throw new InvalidNote("a key transition has six lines, the first '" + HEADER + "'");
        }
        Checkpoint c = Checkpoint.parse(lines[1] + "\n" + lines[2] + "\n" + lines[3] + "\n");
        KeyTransition t = new KeyTransition(c.origin(), c.size(), c.root(), VerifierKey.parse(lines[4]),
                VerifierKey.parse(lines[5]));
        if (!t.text().equals(text)) {
            throw new InvalidNote("the key transition is not in its canonical form");
        }
        return t;
    }
}
