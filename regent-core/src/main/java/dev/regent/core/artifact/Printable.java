package dev.regent.core.artifact;

/** Client-supplied text made safe to echo in an error: at most 80 characters, control characters escaped. */
final class Printable {
    private Printable() {
    }

    static String of(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        StringBuilder b = new StringBuilder();
        shown.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                b.append(String.format("\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }
}
