package dev.regent.core.text;

import dev.regent.core.error.RegentException;

/**
 * The one text policy for characters a person reads (descriptions, reasons, comments, summaries, tag values) — on
 * input and on output. Characters that change how the text around them is displayed without being visible
 * themselves can make a terminal or a page show something other than what is stored: bidirectional controls
 * (U+202E turns "safe\u202Etxt.exe" into "safeexe.txt"), a bare carriage return (overwrites the line), other
 * control characters. On input they are refused with the position; on every text output they are escaped, whatever
 * their origin (stored before this rule, another field, an error message), as {@code \u202e} or {@code \r} — which
 * also keeps JSON valid when the output is JSON.
 */
public final class ReadableText {
    /** Set while values read back from storage are rebuilt: see {@link #asStored}. */
    private static final ThreadLocal<Boolean> REBUILDING_STORED = ThreadLocal.withInitial(() -> false);

    private ReadableText() {
    }

    /**
     * Rebuilds values read back from storage: the refusals of this policy are input rules, adopted after some text
     * was stored (issue 17), so text stored before them must still load — one old description must not make a model,
     * a list or the whole UI unreadable. It is escaped on output like any other. Only the store's row mapping calls
     * this, around exactly the construction of stored values; limits that always held (sizes) still apply.
     */
    public static <T> T asStored(java.util.function.Supplier<T> build) {
        boolean outer = REBUILDING_STORED.get();
        REBUILDING_STORED.set(true);
        try {
            return build.get();
        } finally {
            REBUILDING_STORED.set(outer);
        }
    }

    /** Whether the input rules apply: always, except while stored values are rebuilt ({@link #asStored}). */
    public static boolean inputRulesApply() {
        return !REBUILDING_STORED.get();
    }

    /** Bidirectional formatting characters: embeddings, overrides, isolates and marks. */
    public static boolean isBidiControl(int cp) {
        return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Whether printing {@code cp} raw could make the text read differently: controls (but newline and tab), bidi. */
    public static boolean isDeceptive(int cp) {
        return (Character.isISOControl(cp) && cp != '\n' && cp != '\t') || isBidiControl(cp);
    }

    /**
     * Refuses text a person will read that holds a deceptive character (INVALID_ARGUMENT naming it and where); a
     * Windows line end (CR LF) is accepted and returned as LF, a bare CR is refused. Returns the text to store.
     */
    public static String require(String value, String what) {
        if (value == null || !inputRulesApply()) {
            return value;
        }
        String text = value.replace("\r\n", "\n");
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isDeceptive(cp)) {
                throw RegentException.invalid(what + " contains " + name(cp) + " at position " + i + ": characters that "
                        + "change how text is displayed (bidirectional controls, a carriage return without a line feed, other "
                        + "control characters) are not accepted where people read the text; remove it");
            }
            i += Character.charCount(cp);
        }
        return text;
    }

    /** The text with every deceptive character written as an escape ({@code \u202e}, {@code \r}): safe to print. */
    public static String escape(String text) {
        return escape(text, false);
    }

    /**
     * As {@link #escape}, and line feeds and tabs too: a client's value echoed inside a one-line message (an error
     * naming what was sent) stays on that line.
     */
    public static String escapeInline(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean inline) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (isDeceptive(cp) || inline && (cp == '\n' || cp == '\t')) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(cp == '\r' ? "\\r" : String.format("\\u%04x", cp));
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    private static String name(int cp) {
        String name = Character.getName(cp);
        return String.format("U+%04X", cp) + (name == null ? "" : " " + name);
    }
}
