package dev.regent.core.lifecycle;

import dev.regent.core.error.RegentException;

/** Why a person made a change: required for stage changes, aliases, deletions and rollbacks; up to 2,000 characters. */
public record Reason(String text) {
    public static final int MAX_LENGTH = 2000;

    public Reason {
        if (text == null || text.isBlank()) {
            throw RegentException.invalid("a reason is required: say why (--reason \"…\")");
        }
        text = text.strip();
        if (text.length() > MAX_LENGTH) {
            throw RegentException.invalid("reason is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        text = dev.regent.core.text.ReadableText.require(text, "reason");
    }

    public static Reason of(String text) {
        return new Reason(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
