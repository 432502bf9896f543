package dev.regent.cli;

import dev.regent.core.error.RegentException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations people type: 90d, 12h, 30m, 2w (or ISO-8601 such as P30D). */
final class DurationInput {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})([mhdw])");

    private DurationInput() {
    }

    static Duration parse(String text) {
        Matcher m = SHORT.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw RegentException.invalid("invalid duration '" + text + "': write e.g. 30m, 12h, 90d, 2w or P30D");
        }
    }
}
