package dev.regent.core.audit.checkpoint;

/** A signed note or checkpoint that must not be trusted: malformed, unsigned by the expected key, or badly signed. */
public final class InvalidNote extends RuntimeException {
    public InvalidNote(String message) {
        super(message);
    }
}
