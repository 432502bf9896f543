package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.lifecycle.KnownGood;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * The rule that a change moves versions only out of the stage it names. A version that holds an exclusive stage
 * (Staging, Production) is never taken out of it as a side effect of changing another stage, because that would
 * leave the stage empty without anyone having asked for it.
 *
 * <p>Only rollback can break the rule: it names a stage and picks its target from the stage's history, and that
 * target may have moved on to the other exclusive stage since. Promote names the version it moves (leaving its
 * stage is what was asked for, and its plan says so) and archives only the holder of the stage it names.
 */
final class NamedStageOnly {
    static final String CHECK = "target holds no other stage";

    private NamedStageOnly() {
    }

    /**
     * Whether the target of a rollback of {@code stage} is free to take it: in None or Archived (the normal case) it
     * is; in the other exclusive stage it is not, and the failure says what to run instead, computed from the state.
     *
     * @param current the stage's current holder, or null
     * @param canRestore whether a version would pass rollback's other checks for a stage, so it can be suggested
     */
    static Finding rollbackTarget(StoreTransaction tx, List<Transition> history, ModelName model, Stage stage,
                                  ModelVersion target, VersionNumber current, Reason reason,
                                  BiPredicate<ModelVersion, Stage> canRestore) {
        Stage held = target.stage();
        if (!held.exclusive() || held == stage) {
            // held == stage: the target is the stage's current holder, which rollback refuses before asking this
            return Finding.pass(CHECK, "version " + target.number() + " is in " + held);
        }
        String why = Shell.quote(reason.text());
        List<String> instead = new ArrayList<>();
        Optional<ModelVersion> earlier = freeEarlierHolder(tx, history, model, stage, target.number(), current, canRestore);
        earlier.ifPresent(v -> instead.add("to return " + stage + " to version " + v.number() + ", an earlier holder that is in "
                + v.stage() + ": regent rollback " + Shell.quote(model) + " --stage " + stage + " --to " + v.number() + " --reason " + why));
        KnownGood.target(history, held, target.number()).flatMap(v -> tx.findVersion(model, v))
                .filter(v -> !v.stage().exclusive() && canRestore.test(v, held))
                .ifPresent(v -> instead.add("to roll back " + held + " instead (returns version " + v.number() + " to " + held
                        + " and archives version " + target.number() + "): regent rollback " + Shell.quote(model) + " --stage " + held
                        + " --reason " + why));
        tx.latestPerStage(model).stream()
                .filter(v -> !v.stage().exclusive() && !v.number().equals(target.number())
                        && earlier.map(e -> !e.number().equals(v.number())).orElse(true))
                .max(Comparator.comparing(ModelVersion::number))
                .ifPresent(v -> instead.add("to promote version " + v.number() + " to " + stage + " through its gates: "
                        + "regent promote " + Shell.quote(model) + " " + v.number() + " --to " + stage + " --reason " + why));
        // the explicit form of what was literally asked for: promote names the version, so leaving held is then on purpose
        instead.add((instead.isEmpty() ? "" : "or, ") + "to move version " + target.number() + " from " + held + " to " + stage
                + " anyway and leave " + held + " empty: regent promote " + Shell.quote(model) + " " + target.number() + " --to " + stage
                + " --reason " + why);
        String suggestions = String.join("; ", instead);
        return Finding.fail(CHECK, "version " + target.number() + " holds " + held + "; rolling " + stage
                + " back to it would take it out of " + held + " and leave " + held + " empty. "
                + Character.toUpperCase(suggestions.charAt(0)) + suggestions.substring(1));
    }

    /** The most recent earlier holder of the stage that is in None or Archived, was not rolled back away from, and passes. */
    private static Optional<ModelVersion> freeEarlierHolder(StoreTransaction tx, List<Transition> history, ModelName model,
                                                            Stage stage, VersionNumber target, VersionNumber current,
                                                            BiPredicate<ModelVersion, Stage> canRestore) {
        for (VersionNumber v : KnownGood.previousHolders(history, stage)) {
            if (v.equals(target) || v.equals(current) || KnownGood.wasRolledBackAwayFrom(history, stage, v)) {
                continue;
            }
            Optional<ModelVersion> live = tx.findVersion(model, v)
                    .filter(mv -> !mv.stage().exclusive() && canRestore.test(mv, stage));
            if (live.isPresent()) {
                return live;
            }
        }
        return Optional.empty();
    }
}
