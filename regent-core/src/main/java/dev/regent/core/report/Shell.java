package dev.regent.core.report;

import dev.regent.core.model.ModelName;
import java.util.regex.Pattern;

/**
 * Quotes values for the commands printed in reports and refusals (rollback commands, what would satisfy a gate), so
 * they can be pasted into a POSIX shell as they are: model names may hold spaces, quotes and any script.
 */
public final class Shell {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/:=@%+,-]+");

    private Shell() {
    }

    public static String quote(String value) {
        if (!value.isEmpty() && SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }

    public static String quote(ModelName model) {
        return quote(model.value());
    }
}
