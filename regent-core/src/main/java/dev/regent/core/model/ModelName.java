package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.regex.Pattern;

/** The name of a registered model: lowercase letters, digits, '.', '_' and '-', starting with a letter or digit. */
public record ModelName(String value) implements Comparable<ModelName> {
    public static final int MAX_LENGTH = 128;
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");

    public ModelName {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw RegentException.invalid("invalid model name '" + Check.printable(String.valueOf(value))
                    + "': use 1-128 characters from a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public static ModelName of(String value) {
        return new ModelName(value);
    }

    @Override
    public int compareTo(ModelName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
