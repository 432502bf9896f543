package dev.regent.server.webhook;

import java.nio.charset.StandardCharsets;

/** A receiver's bytes as text safe to store and show: UTF-8 (replacing what is not), control characters escaped. */
final class Printable {
    private Printable() {
    }

    static String excerpt(byte[] bytes, int max) {
        int n = Math.min(bytes.length, max);
        String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
        return dev.regent.core.text.ReadableText.escapeInline(text);
    }
}
