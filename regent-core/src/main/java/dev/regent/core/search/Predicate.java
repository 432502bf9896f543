package dev.regent.core.search;

import dev.regent.core.error.RegentException;
import java.util.List;
import java.util.Objects;

/**
 * One condition of a search: a field (with the tag's key for {@link Field#TAG}), a match and its values — one value,
 * or the list of an IN. An absent tag or run id matches nothing, not even {@code !=}: as in MLflow.
 */
public record Predicate(Field field, String tagKey, Match match, List<String> values) {
    public Predicate {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(match, "match");
        values = List.copyOf(values);
        if ((field == Field.TAG) != (tagKey != null)) {
            throw new IllegalArgumentException("a tag predicate needs a key, an attribute predicate none");
        }
        if (match == Match.IN ? values.isEmpty() : values.size() != 1) {
            throw RegentException.invalid(match == Match.IN ? "IN needs at least one value" : match + " takes exactly one value");
        }
        if (field.numeric()) {
            if (match.pattern() || match == Match.IN) {
                throw RegentException.invalid(match + " does not apply to the numeric field " + field);
            }
            for (String v : values) {
                try {
                    Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw RegentException.invalid(field + " is numeric: expected an integer, got '" + v + "'");
                }
            }
        } else if (match.ordering()) {
            throw RegentException.invalid(match + " only applies to numeric fields");
        }
    }

    public static Predicate attribute(Field field, Match match, String... values) {
        return new Predicate(field, null, match, List.of(values));
    }

    public static Predicate tag(String key, Match match, String... values) {
        return new Predicate(Field.TAG, key, match, List.of(values));
    }

    /** The single value of a non-IN predicate. */
    public String value() {
        return values.get(0);
    }
}
