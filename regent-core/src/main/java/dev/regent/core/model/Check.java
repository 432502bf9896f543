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

    /**
     * Refuses what would make a value display differently from what it holds: control characters (but line feed, tab,
     * and a carriage return that ends a line as CR LF) and bidirectional formatting characters (which reverse how the
     * rest of a line reads). Right-to-left text itself is fine.
     */
    static void noControlCharacters(String value, String what) {
        if (!dev.regent.core.text.ReadableText.inputRulesApply()) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lineEnd = c == '\r' && i + 1 < value.length() && value.charAt(i + 1) == '\n';
            if (c < 0x20 && c != '\n' && c != '\t' && !lineEnd || c == 0x7f) {
                throw RegentException.invalid(what + " contains a control character (code " + (int) c + ") at position " + i
                        + (c == '\r' ? ": a carriage return without a line feed overwrites the line it ends when printed" : ""));
            }
            if (dev.regent.core.text.ReadableText.isBidiControl(c)) {
                throw RegentException.invalid(what + " contains the bidirectional control U+" + String.format("%04X", (int) c)
                        + " at position " + i + ", which changes how the text around it reads when displayed; remove it");
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
