package dev.regent.server.ui.view;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Timestamps as pages show them: machine-readable in {@code <time datetime>}, readable UTC as the text (what a
 * browser without JavaScript shows); the page script rewrites the text into the viewer's local time and keeps UTC
 * in the hover title.
 */
public final class Time {
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Time() {
    }

    public static String iso(Instant at) {
        return at == null ? "" : DateTimeFormatter.ISO_INSTANT.format(at);
    }

    public static String utc(Instant at) {
        return at == null ? "" : READABLE.format(at);
    }
}
