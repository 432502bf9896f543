package dev.regent.server.ui;

import dev.regent.core.error.RegentException;

/** The reading pages' query parameters, bounded and with messages a person can act on. */
final class QueryParams {
    /** The furthest a listing may skip: deep pages are for search filters, not paging. */
    static final int MAX_OFFSET = 10_000;

    private QueryParams() {
    }

    static String trimmed(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 500) {
            throw RegentException.invalid("a search field holds at most 500 characters");
        }
        return raw.trim();
    }

    static int offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(raw.trim());
            if (offset < 0 || offset > MAX_OFFSET) {
                throw RegentException.invalid("offset must be between 0 and " + MAX_OFFSET + "; narrow the search instead");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("offset must be a number, got '" + raw + "'");
        }
    }

    static long cursor(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            throw RegentException.invalid("a page cursor must be an audit sequence number, got '" + raw + "'");
        }
    }
}
