package dev.regent.core.evidence;

import dev.regent.core.error.RegentException;
import java.util.regex.Pattern;

/** The identifier of an evidence record: "ev-" followed by 20 lowercase hex digits, assigned by the registry. */
public record EvidenceId(String value) {
    private static final Pattern PATTERN = Pattern.compile("ev-[0-9a-f]{20}");

    public EvidenceId {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw RegentException.invalid("invalid evidence id '" + value + "': expected ev- followed by 20 hex digits");
        }
    }

    public static EvidenceId parse(String value) {
        return new EvidenceId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
