package dev.regent.core.artifact;

/** Client-supplied text made safe to echo in an error: at most 80 characters, deceptive characters escaped. */
final class Printable {
    private Printable() {
    }

    static String of(String value) {
        // the one text policy's escaping (controls, a bare CR and bidirectional controls), as Check.printable uses
        return dev.regent.core.text.ReadableText.escapeInline(value.length() > 80 ? value.substring(0, 80) + "…" : value);
    }
}
