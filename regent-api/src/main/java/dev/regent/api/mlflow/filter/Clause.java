package dev.regent.api.mlflow.filter;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One comparison of a filter: an attribute (such as {@code name}) or a tag ({@code tags.key}), a comparator and
 * its value(s): one value, or the list of an {@code IN}.
 */
public record Clause(boolean tag, String key, Comparator comparator, List<String> values) {
    public Clause {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(comparator, "comparator");
        values = List.copyOf(values);
    }

    /** The single value of a non-IN clause. */
    public String value() {
        return values.get(0);
    }

    /** Whether {@code actual} (null when the attribute or tag is absent) satisfies this clause. */
    public boolean test(String actual) {
        if (actual == null) {
            return false;
        }
        return switch (comparator) {
            case EQ -> actual.equals(value());
            case NE -> !actual.equals(value());
            case IN -> values.contains(actual);
            case LIKE -> like(value(), false).matcher(actual).matches();
            case ILIKE -> like(value(), true).matcher(actual).matches();
            case GT, GE, LT, LE -> ordered(actual);
        };
    }

    private boolean ordered(String actual) {
        long a;
        try {
            a = Long.parseLong(actual);
        } catch (NumberFormatException e) {
            return false;
        }
        long v = Long.parseLong(value());
        return switch (comparator) {
            case GT -> a > v;
            case GE -> a >= v;
            case LT -> a < v;
            case LE -> a <= v;
            default -> throw new IllegalStateException(comparator.name());
        };
    }

    /** SQL LIKE: '%' any run of characters, '_' one character, everything else literal. */
    static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '%' || c == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    @Override
    public String toString() {
        return (tag ? "tags." : "") + key + " " + comparator.symbol().toLowerCase(Locale.ROOT) + " " + values;
    }
}
