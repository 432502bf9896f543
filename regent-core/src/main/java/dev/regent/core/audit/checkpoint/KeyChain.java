package dev.regent.core.audit.checkpoint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys a log was signed with over its life, as one chain of {@link KeyTransition}s followed from a key the
 * verifier trusts (its anchor): forwards, each transition must carry the signatures of the key the chain has reached
 * (it authorizes its successor) and of its successor; backwards, each must carry the signature of the key the chain has
 * reached (the successor vouches for its predecessor). Each key speaks for the tree sizes of its epoch: from the size it
 * took over at (0 for the first key) to the size it handed over at, inclusive; a checkpoint is opened with the key in
 * effect at its size only. So a retired key signing past its hand-over (a rollback, or a thief of the old key) is refused,
 * and so is a key nobody's transition introduced.
 *
 * <p>Building refuses (throws {@link InvalidNote}): a transition that does not open, of another origin, one not linked
 * to the chain, a key that hands over twice or is taken over twice (a forked chain), a transition the old key did not
 * sign met going forwards, and hand-over sizes that do not grow.
 */
public final class KeyChain {
    /** One key and the tree sizes it speaks for ({@code until} is {@link Long#MAX_VALUE} for the current key). */
    public record Epoch(VerifierKey key, long from, long until) {
        boolean covers(long size) {
            return from <= size && size <= until;
        }
    }

    private final List<Epoch> epochs;
    private final List<KeyTransition> transitions;
    private final List<String> notes;

    private KeyChain(List<Epoch> epochs, List<KeyTransition> transitions, List<String> notes) {
        this.epochs = List.copyOf(epochs);
        this.transitions = List.copyOf(transitions);
        this.notes = List.copyOf(notes);
    }

    /** The chain of a log that never rotated its key. */
    public static KeyChain of(VerifierKey key) {
        return new KeyChain(List.of(new Epoch(key, 0, Long.MAX_VALUE)), List.of(), List.of());
    }

    /** The chain through {@code anchor} of the given transition notes (in any order); throws {@link InvalidNote}. */
    public static KeyChain of(VerifierKey anchor, List<String> transitionNotes) {
        Map<String, KeyTransition> opened = new LinkedHashMap<>();
        Map<VerifierKey, String> byFrom = new LinkedHashMap<>();
        Map<VerifierKey, String> byTo = new LinkedHashMap<>();
        for (String note : transitionNotes) {
            KeyTransition t;
            try {
                t = KeyTransition.open(note);
            } catch (InvalidNote e) {
                throw new InvalidNote("a key transition does not open: " + e.getMessage());
            }
            if (!t.origin().equals(anchor.name())) {
                throw new InvalidNote("a key transition of another log ('" + t.origin() + "', this log is '" + anchor.name() + "')");
            }
            String other = byFrom.put(t.from(), note);
            if (other != null) {
                throw new InvalidNote("key " + t.from().keyIdHex() + " handed over twice (at sizes " + opened.get(other).size()
                        + " and " + t.size() + "): a forked chain of keys");
            }
            other = byTo.put(t.to(), note);
            if (other != null) {
                throw new InvalidNote("key " + t.to().keyIdHex() + " was taken over twice: a forked chain of keys");
            }
            opened.put(note, t);
        }
        List<String> chain = new ArrayList<>();
        Set<VerifierKey> seen = new HashSet<>(Set.of(anchor));
        // backwards: the key reached (trusted) signed its own transition, naming its predecessor
        for (VerifierKey k = anchor; byTo.containsKey(k); ) {
            String note = byTo.get(k);
            KeyTransition t = opened.get(note); // opened, so signed by t.to() == k
            chain.add(0, note);
            k = t.from();
            if (!seen.add(k)) {
                throw new InvalidNote("the chain of keys loops back to key " + k.keyIdHex());
            }
        }
        // forwards: the key reached must have signed the hand-over to its successor
        for (VerifierKey k = anchor; byFrom.containsKey(k); ) {
            String note = byFrom.get(k);
            KeyTransition t = opened.get(note);
            if (!t.endorsedIn(note)) {
                throw new InvalidNote("the transition at size " + t.size() + " to key " + t.to() + " is not signed by key "
                        + k + ", which it retires: trust the new key only if its operator gave it to you out of band");
            }
            chain.add(note);
            k = t.to();
            if (!seen.add(k)) {
                throw new InvalidNote("the chain of keys loops back to key " + k.keyIdHex());
            }
        }
        if (chain.size() != opened.size()) {
            for (Map.Entry<String, KeyTransition> e : opened.entrySet()) {
                if (!chain.contains(e.getKey())) {
                    KeyTransition t = e.getValue();
                    throw new InvalidNote("the transition from key " + t.from().keyIdHex() + " to key " + t.to().keyIdHex()
                            + " at size " + t.size() + " is not linked to key " + anchor + " by signed transitions");
                }
            }
        }
        List<KeyTransition> ordered = chain.stream().map(opened::get).toList();
        List<Epoch> epochs = new ArrayList<>();
        long from = 0;
        VerifierKey key = ordered.isEmpty() ? anchor : ordered.get(0).from();
        for (KeyTransition t : ordered) {
            if (t.size() < from || !epochs.isEmpty() && t.size() == from) {
                throw new InvalidNote("key " + t.from().keyIdHex() + " hands over at size " + t.size()
                        + ", not after its predecessor's hand-over at size " + from);
            }
            epochs.add(new Epoch(key, from, t.size()));
            from = t.size();
            key = t.to();
        }
        epochs.add(new Epoch(key, from, Long.MAX_VALUE));
        return new KeyChain(epochs, ordered, chain);
    }

    /** The key that signs from now on: the last of the chain. */
    public VerifierKey current() {
        return epochs.get(epochs.size() - 1).key();
    }

    /** The keys in order, first to current, with the sizes each speaks for. */
    public List<Epoch> epochs() {
        return epochs;
    }

    /** The transitions in chain order, and their signed notes (same order). */
    public List<KeyTransition> transitions() {
        return transitions;
    }

    public List<String> notes() {
        return notes;
    }

    /** The epoch of the key, if it is in the chain. */
    public java.util.Optional<Epoch> epochOf(VerifierKey key) {
        return epochs.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /**
     * The checkpoint of a note signed by the key in effect at its size (at a hand-over size, the old or the new key);
     * throws {@link InvalidNote} otherwise, naming a retired key's signature past its epoch.
     */
    public Checkpoint open(String note) {
        Checkpoint claimed = Checkpoint.parse(SignedNote.unverifiedText(note));
        InvalidNote first = null;
        for (Epoch e : epochs) {
            if (e.covers(claimed.size())) {
                try {
                    return SignedCheckpoints.open(note, e.key());
                } catch (InvalidNote x) {
                    first = first == null ? x : first;
                }
            }
        }
        for (Epoch e : epochs) {
            if (!e.covers(claimed.size()) && signedQuietly(note, e.key())) {
                throw new InvalidNote("the checkpoint of size " + claimed.size() + " is signed by key " + e.key().keyIdHex()
                        + ", which speaks for sizes " + e.from() + ".." + e.until() + " only (it was retired), not by key "
                        + keyAt(claimed.size()).keyIdHex() + ", in effect at that size");
            }
        }
        throw first;
    }

    /** The (latest) key in effect at the size. */
    public VerifierKey keyAt(long size) {
        VerifierKey at = epochs.get(0).key();
        for (Epoch e : epochs) {
            if (e.covers(size)) {
                at = e.key();
            }
        }
        return at;
    }

    private static boolean signedQuietly(String note, VerifierKey key) {
        try {
            return SignedNote.signedBy(note, key);
        } catch (InvalidNote e) {
            return false;
        }
    }
}
