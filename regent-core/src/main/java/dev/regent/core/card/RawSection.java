package dev.regent.core.card;

/**
 * One section as a reader found it, before the schema is applied: its key as written, its normalised value,
 * and where it came from, so that an unknown or duplicate section can be reported at its place.
 */
record RawSection(String key, Object value, String origin, int line) {
    String where() {
        return line > 0 ? origin + " at line " + line : origin;
    }
}
