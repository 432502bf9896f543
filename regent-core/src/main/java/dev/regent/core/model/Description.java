package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;

/** Free text describing a model or version, at most 64 KiB in UTF-8. May be empty. */
public record Description(String text) {
    public static final int MAX_BYTES = 64 * 1024;
    public static final Description EMPTY = new Description("");

    public Description {
        if (text == null) {
            text = "";
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw RegentException.invalid("description is " + bytes + " bytes; the limit is " + MAX_BYTES + " bytes (64 KiB)");
        }
        text = dev.regent.core.text.ReadableText.require(text, "description");
    }

    public static Description of(String text) {
        return new Description(text);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
