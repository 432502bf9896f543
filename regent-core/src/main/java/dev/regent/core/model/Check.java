package dev.regent.core.model;

import dev.regent.core.error.RegentException;

/** Small validation helpers shared by the typed values; every failure is an INVALID_ARGUMENT. */
final class Check {
    private Check() {
    }

    static String notBlank(String value, String what) {
        if (value == null || value.isBlank()) {
            throw RegentException.invalid(what + " must not be empty");
        }
        return value;
    }

    static void noControlCharacters(String value, String what) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7f) {
                throw RegentException.invalid(what + " contains a control character (code " + (int) c + ") at position " + i);
            }
        }
    }

    static void maxLength(String value, int max, String what) {
        if (value.length() > max) {
            throw RegentException.invalid(what + " is " + value.length() + " characters long; the limit is " + max);
        }
    }

    static String printable(String value) {
        return dev.regent.core.text.ReadableText.escapeInline(value.length() > 80 ? value.substring(0, 80) + "…" : value);
    }
}
