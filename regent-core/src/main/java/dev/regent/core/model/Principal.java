package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.regex.Pattern;

/** A user or service account acting on the registry; recorded in every audit entry it causes. */
public record Principal(String name) implements Comparable<Principal> {
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");

    public Principal {
        if (name == null || !PATTERN.matcher(name).matches()) {
            throw RegentException.invalid("invalid principal '" + Check.printable(String.valueOf(name))
                    + "': use 1-128 characters from letters, digits, '.', '_', '@', '+' and '-'");
        }
    }

    public static Principal of(String name) {
        return new Principal(name);
    }

    @Override
    public int compareTo(Principal o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
