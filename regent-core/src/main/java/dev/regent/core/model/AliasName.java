package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.regex.Pattern;

/**
 * A named pointer from a model to one of its versions. "latest" and version-like names ("v3", "V12") are
 * reserved because clients resolve them to versions themselves; an alias of that name would be ambiguous.
 */
public record AliasName(String value) implements Comparable<AliasName> {
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,127}");
    private static final Pattern VERSION_LIKE = Pattern.compile("[vV][0-9]+");

    public AliasName {
        if (value != null && (value.equalsIgnoreCase("latest") || VERSION_LIKE.matcher(value).matches())) {
            throw RegentException.invalid("alias '" + value + "' is reserved: 'latest' and version-like names such as 'v3' "
                    + "always mean what they say; choose another name");
        }
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw RegentException.invalid("invalid alias '" + Check.printable(String.valueOf(value))
                    + "': use 1-128 characters from a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public static AliasName of(String value) {
        return new AliasName(value);
    }

    @Override
    public int compareTo(AliasName o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
