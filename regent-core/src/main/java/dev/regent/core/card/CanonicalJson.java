package dev.regent.core.card;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The canonical JSON encoding of a card, written by hand so that its bytes depend only on the card's content and
 * never on a JSON library's version or settings (the digest is computed over them):
 * <ul>
 *   <li>an object whose keys are {@code schema_version} and the non-empty sections;</li>
 *   <li>keys sorted at every level by UTF-16 code units (Java's {@code String} order, as in RFC 8785);</li>
 *   <li>no whitespace outside strings;</li>
 *   <li>strings escape only {@code "}, {@code \}, and control characters ({@code \b \t \n \f \r}, others as
 *       {@code \}{@code u00xx}); everything else is literal UTF-8;</li>
 *   <li>numbers without trailing zeros or exponent ({@code 1}, {@code 0.5}, {@code -12}) unless the plain form
 *       is longer than 32 characters, then as {@code 1e+40} / {@code 1.5e-40}.</li>
 * </ul>
 */
final class CanonicalJson {
    private static final int MAX_PLAIN_NUMBER = 32;

    private CanonicalJson() {
    }

    static String encode(int schemaVersion, SortedMap<String, Object> sections) {
        StringBuilder out = new StringBuilder(1024);
        out.append("{");
        TreeMap<String, Object> all = new TreeMap<>(sections);
        all.put(CardSchema.SCHEMA_VERSION_KEY, BigDecimal.valueOf(schemaVersion));
        boolean first = true;
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, e.getKey());
            out.append(':');
            value(out, e.getValue());
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof BigDecimal n) {
            out.append(number(n));
        } else if (value instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, list.get(i));
            }
            out.append(']');
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                value(out, e.getValue());
            }
            out.append('}');
        } else {
            throw new IllegalStateException("not a card value: " + value);
        }
    }

    static String number(BigDecimal value) {
        BigDecimal n = CardValues.number(value);
        String plain = n.toPlainString();
        if (plain.length() <= MAX_PLAIN_NUMBER) {
            return plain;
        }
        String digits = n.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - n.scale();
        return (n.signum() < 0 ? "-" : "") + digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "")
                + "e" + (exponent >= 0 ? "+" : "") + exponent;
    }

    /** A JSON string literal, which YAML also reads as a double-quoted scalar. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        string(out, s);
        return out.toString();
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
