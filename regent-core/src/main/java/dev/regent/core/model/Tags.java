package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Free key/value labels on a model or version, sorted by key. Keys up to 250 characters, values up to 5,000. */
public record Tags(SortedMap<String, String> values) {
    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_VALUE_LENGTH = 5000;
    public static final int MAX_TAGS = 256;
    public static final Tags EMPTY = new Tags(new TreeMap<>());

    public Tags {
        if (values.size() > MAX_TAGS) {
            throw RegentException.invalid("too many tags: " + values.size() + "; the limit is " + MAX_TAGS);
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            validateKey(k, "tag key");
            if (v == null) {
                throw RegentException.invalid("tag '" + k + "' has no value");
            }
            Check.maxLength(v, MAX_VALUE_LENGTH, "value of tag '" + k + "'");
            Check.noControlCharacters(v, "value of tag '" + k + "'");
            copy.put(k, v);
        });
        values = Collections.unmodifiableSortedMap(copy);
    }

    static void validateKey(String key, String what) {
        Check.notBlank(key, what);
        Check.maxLength(key, MAX_KEY_LENGTH, what + " '" + Check.printable(key) + "'");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean deceptive = Character.isISOControl(c) || dev.regent.core.text.ReadableText.isBidiControl(c);
            if (c == '=' || deceptive && dev.regent.core.text.ReadableText.inputRulesApply()) {
                throw RegentException.invalid(what + " '" + Check.printable(key) + "' contains a forbidden character"
                        + (c == '=' ? " '='" : Character.isISOControl(c) ? " (control character)"
                        : " (bidirectional control U+" + String.format("%04X", (int) c) + ")"));
            }
        }
        if (!key.strip().equals(key)) {
            throw RegentException.invalid(what + " '" + Check.printable(key) + "' starts or ends with whitespace");
        }
    }

    public static Tags of(Map<String, String> values) {
        return new Tags(new TreeMap<>(values));
    }

    /** These tags with the given ones set and the named keys removed. */
    public Tags with(Map<String, String> set, Collection<String> remove) {
        TreeMap<String, String> next = new TreeMap<>(values);
        remove.forEach(next::remove);
        next.putAll(set);
        return new Tags(next);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
