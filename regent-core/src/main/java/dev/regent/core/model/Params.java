package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Training parameters of a version (name → text). Immutable once registered. */
public record Params(SortedMap<String, String> values) {
    public static final int MAX_PARAMS = 1000;
    public static final int MAX_VALUE_LENGTH = 6000;
    public static final Params EMPTY = new Params(new TreeMap<>());

    public Params {
        if (values.size() > MAX_PARAMS) {
            throw RegentException.invalid("too many params: " + values.size() + "; the limit is " + MAX_PARAMS);
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            Tags.validateKey(k, "param name");
            if (v == null) {
                throw RegentException.invalid("param '" + k + "' has no value");
            }
            Check.maxLength(v, MAX_VALUE_LENGTH, "value of param '" + k + "'");
            Check.noControlCharacters(v, "value of param '" + k + "'");
            copy.put(k, v);
        });
        values = Collections.unmodifiableSortedMap(copy);
    }

    public static Params of(Map<String, String> values) {
        return new Params(new TreeMap<>(values));
    }
}
