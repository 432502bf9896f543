package dev.regent.core.model;

import dev.regent.core.error.RegentException;

/** A version's number under its model: 1, 2, 3… assigned by the registry without gaps. */
public record VersionNumber(int value) implements Comparable<VersionNumber> {
    public VersionNumber {
        if (value < 1) {
            throw RegentException.invalid("invalid version number " + value + ": versions are numbered from 1");
        }
    }

    public static VersionNumber of(int value) {
        return new VersionNumber(value);
    }

    /** Parses a decimal version number such as "3"; anything else is INVALID_ARGUMENT. */
    public static VersionNumber parse(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            throw RegentException.invalid("invalid version '" + Check.printable(String.valueOf(text))
                    + "': a version is a positive whole number such as 3");
        }
        return new VersionNumber(Integer.parseInt(text));
    }

    @Override
    public int compareTo(VersionNumber o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
