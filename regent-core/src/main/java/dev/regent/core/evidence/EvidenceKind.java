package dev.regent.core.evidence;

import dev.regent.core.error.RegentException;
import java.util.regex.Pattern;

/** What an evidence record shows, e.g. {@code eval-report}, {@code bias-report}, {@code validation-report}. */
public record EvidenceKind(String value) {
    // the pattern must be initialised before the constants below are constructed
    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    public static final EvidenceKind EVAL_REPORT = new EvidenceKind("eval-report");

    public EvidenceKind {
        if (value == null || !PATTERN.matcher(value).matches()) {
            throw RegentException.invalid("invalid evidence kind '" + value
                    + "': use 1-64 characters from a-z, 0-9 and '-', e.g. eval-report or bias-report");
        }
    }

    public static EvidenceKind of(String value) {
        return new EvidenceKind(value);
    }

    public boolean isEvalReport() {
        return equals(EVAL_REPORT);
    }

    @Override
    public String toString() {
        return value;
    }
}
