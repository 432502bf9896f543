package dev.regent.core.registry;

import java.util.regex.Pattern;

/** Quotes values for the rollback commands printed in reports, so they can be pasted into a POSIX shell as they are. */
final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/:=@%+,-]+");

    private Shell() {
    }

    static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
