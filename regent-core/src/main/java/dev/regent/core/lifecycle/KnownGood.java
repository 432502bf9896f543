package dev.regent.core.lifecycle;

import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a model's stage history to answer rollback's question: which version held this stage before, and
 * was not itself rolled back away from? A holding period that ended in a rollback marks its version as bad
 * for that stage, so rolling back twice walks further into the past instead of bouncing between two versions.
 */
public final class KnownGood {
    private KnownGood() {
    }

    /** Versions that held the stage, most recent first, each once, in the order rollback would consider them. */
    public static List<VersionNumber> previousHolders(List<Transition> history, Stage stage) {
        List<VersionNumber> holders = new ArrayList<>();
        Set<VersionNumber> seen = new HashSet<>();
        for (int i = history.size() - 1; i >= 0; i--) {
            Transition t = history.get(i);
            if (t.to() == stage && seen.add(t.version())) {
                holders.add(t.version());
            }
        }
        return holders;
    }

    /** Whether the version's most recent holding period of the stage ended because it was rolled back. */
    public static boolean wasRolledBackAwayFrom(List<Transition> history, Stage stage, VersionNumber version) {
        for (int i = history.size() - 1; i >= 0; i--) {
            Transition t = history.get(i);
            if (!t.version().equals(version)) {
                continue;
            }
            if (t.from() == stage && t.to() != stage) {
                return t.cause() == TransitionCause.ROLLED_BACK;
            }
        }
        return false;
    }

    /**
     * The most recent earlier holder of the stage, other than the current one, that was not rolled back away from.
     * Where that version is now does not matter here: one that has moved on to another exclusive stage is still the
     * answer (rollback then refuses and explains), because silently going further back would restore a version the
     * person did not expect.
     */
    public static Optional<VersionNumber> target(List<Transition> history, Stage stage, VersionNumber current) {
        for (VersionNumber v : previousHolders(history, stage)) {
            if (v.equals(current)) {
                continue;
            }
            if (!wasRolledBackAwayFrom(history, stage, v)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
