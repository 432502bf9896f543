package dev.regent.core.policy;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.NameKey;
import java.util.Collection;

/**
 * The model patterns of a policy's {@code models:} section: a model name, or one with '*' and '?' as wildcards,
 * matched against name keys ({@link NameKey}). Two patterns with the same key would govern the same models, so the
 * second is refused rather than one silently shadowing the other.
 */
final class ModelPatterns {
    private static final int MAX_STARS = 8;

    private ModelPatterns() {
    }

    /** What is wrong with the pattern among those already read, or null when it is a usable pattern. */
    static String problem(String pattern, Collection<String> earlier) {
        String what = "'" + pattern + "' is not a model name or glob (a model name's characters, with '*' and '?' as "
                + "wildcards)";
        try {
            ModelName.of(pattern);
        } catch (RegentException e) {
            return what + ": " + e.getMessage();
        }
        if (pattern.chars().filter(c -> c == '*').count() > MAX_STARS) {
            return what + ": at most " + MAX_STARS + " '*' wildcards";
        }
        String key = NameKey.of(pattern);
        // a compatibility form such as the full-width '＊' folds to a wildcard: the pattern would match more than it says
        if (wildcards(key) != wildcards(pattern)) {
            return what + ": it has a character that folds to '*' or '?'; write the wildcard itself";
        }
        for (String other : earlier) {
            if (NameKey.of(other).equals(key)) {
                return "'" + pattern + "' and '" + other + "' name the same models (patterns match names ignoring case and "
                        + "width); keep one of them";
            }
        }
        return null;
    }

    private static long wildcards(String s) {
        return s.chars().filter(c -> c == '*' || c == '?').count();
    }
}
