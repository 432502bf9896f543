package dev.regent.core.card;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The value model every card format is read into, and its normalisation. A value is a {@link String} (Markdown),
 * a {@link BigDecimal}, a {@link Boolean}, a {@code List} of values or a {@code SortedMap} from string keys to
 * values; nulls are dropped everywhere, because "key: null" and no key mean the same thing in every format.
 */
final class CardValues {
    static final int MAX_BYTES = InputLimits.CARD_MAX_BYTES;
    static final int MAX_DEPTH = InputLimits.CARD_MAX_DEPTH;
    static final int MAX_VALUES = InputLimits.CARD_MAX_VALUES;
    static final int MAX_KEY_LENGTH = InputLimits.CARD_MAX_KEY_LENGTH;

    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("\\A(?:[ \\t]*\\n)+");

    private CardValues() {
    }

    /**
     * Counts the values and characters read, aliases expanded, so that a small YAML document cannot unfold into a
     * huge card.
     */
    static final class Budget {
        private int values;
        private long chars;

        void value(int line, int column) {
            if (++values > MAX_VALUES) {
                throw error("the card has more than " + MAX_VALUES + " values", line, column);
            }
        }

        void chars(int count, int line, int column) {
            chars += count;
            if (chars > MAX_BYTES) {
                throw error("the card's text exceeds " + MAX_BYTES + " characters", line, column);
            }
        }
    }

    /**
     * Normalises card text: line breaks become LF, HTML comments (placeholders and notes to authors) are removed,
     * leading blank lines and trailing whitespace are dropped. Idempotent, so that re-reading a canonical card
     * changes nothing.
     */
    static String text(String raw) {
        String s = raw.replace("\r\n", "\n").replace('\r', '\n');
        String previous;
        do {
            previous = s;
            s = COMMENT.matcher(s).replaceAll("");
        } while (!s.equals(previous));
        s = LEADING_BLANK_LINES.matcher(s).replaceFirst("");
        return s.stripTrailing();
    }

    /** The one representation of a number's value: 1, 1.0 and 1e0 are all 1. */
    static BigDecimal number(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }

    static void checkText(String value, int line, int column) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1));
                if (!paired) {
                    throw error("text contains an unpaired surrogate (code " + (int) c + ")", line, column);
                }
                i++;
            } else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f) {
                throw error("text contains a control character (code " + (int) c + ")", line, column);
            }
        }
    }

    static void checkKey(String key, int line, int column) {
        if (key.isBlank()) {
            throw error("a key is empty", line, column);
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw error("key '" + key.substring(0, 40) + "…' is longer than " + MAX_KEY_LENGTH + " characters",
                    line, column);
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw error("a key contains a control character", line, column);
            }
        }
        checkText(key, line, column);
    }

    static void checkDepth(int depth, int line, int column) {
        if (depth > MAX_DEPTH) {
            throw error("values are nested more than " + MAX_DEPTH + " levels deep", line, column);
        }
    }

    /**
     * Whether a value says nothing: blank text, or a list or map all of whose items are empty. Numbers and
     * booleans are never empty.
     */
    static boolean isEmpty(Object value) {
        if (value == null) {
            return true;
        }
        if (value instanceof String s) {
            return s.isBlank();
        }
        if (value instanceof List<?> list) {
            return list.stream().allMatch(CardValues::isEmpty);
        }
        if (value instanceof Map<?, ?> map) {
            return map.values().stream().allMatch(CardValues::isEmpty);
        }
        return false;
    }

    /** An INVALID_ARGUMENT naming the place in the card's text; line and column are 1-based, 0 when unknown. */
    static RegentException error(String problem, int line, int column) {
        Map<String, Object> details = new LinkedHashMap<>();
        String where = "";
        if (line > 0) {
            details.put("line", line);
            where = " at line " + line;
            if (column > 0) {
                details.put("column", column);
                where += ", column " + column;
            }
        }
        return new RegentException(ErrorCode.INVALID_ARGUMENT, "invalid model card: " + problem + where, details);
    }

    static RegentException error(String problem) {
        return error(problem, 0, 0);
    }
}
