package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.KnownGood;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The emergency path: returns a stage to its previous known-good holder (or to an explicit earlier holder) and
 * archives the current one, with a required reason. The current holder is marked as rolled back away from, so a
 * second rollback goes further back instead of bouncing between two versions.
 */
final class RollbackStage extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final Stage stage;
    private final Reason reason;
    private final VersionNumber requested;
    private final RollbackGuard guard;
    private ModelVersion current;
    private ModelVersion restored;
    private dev.regent.core.store.VersionSummary existing;
    private String otherHolders;

    RollbackStage(Principal actor, ModelName model, Stage stage, Reason reason, VersionNumber requested, RollbackGuard guard) {
        if (!stage.exclusive()) {
            throw RegentException.invalid("rollback applies to Staging and Production, not " + stage
                    + "; use 'regent promote' to move a version to " + stage);
        }
        this.actor = actor;
        this.model = model;
        this.stage = stage;
        this.reason = reason;
        this.requested = requested;
        this.guard = guard;
    }

    @Override
    ModelName model() {
        return model;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        // the emergency path skips new approvals, so only those trusted to approve may take it
        return Role.APPROVER;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        Lookups.requireModel(tx, model);
        existing = tx.versionSummary(model);
        current = tx.stageHolders(model, stage).stream().findFirst().orElse(null);
        otherHolders = holders(tx, otherExclusive());
        restored = null;
        List<Transition> history = tx.transitions(model);
        List<Finding> pre = new ArrayList<>();
        VersionNumber currentNumber = current == null ? null : current.number();
        Optional<VersionNumber> candidate;
        if (requested != null) {
            boolean heldBefore = KnownGood.previousHolders(history, stage).contains(requested);
            if (requested.equals(currentNumber)) {
                pre.add(Finding.fail("target held " + stage + " before", "version " + requested + " is the current holder"));
            } else if (!heldBefore) {
                pre.add(Finding.fail("target held " + stage + " before", "version " + requested + " never held " + stage
                        + "; rollback only returns to an earlier holder (use 'regent promote' otherwise)"));
            } else {
                pre.add(Finding.pass("target held " + stage + " before", "version " + requested + " held " + stage));
            }
            candidate = Optional.of(requested);
        } else {
            // The known-good target is not skipped when it has moved on to the other exclusive stage: going further
            // back on its own would restore a version nobody asked for, so the plan refuses and says what to run.
            candidate = KnownGood.target(history, stage, currentNumber);
            pre.add(candidate.isPresent()
                    ? Finding.pass("previous known-good version", "version " + candidate.get() + " held " + stage
                            + " before and was not rolled back away from")
                    : Finding.fail("previous known-good version", "no earlier holder of " + stage
                            + " that was not itself rolled back away from; choose one with --to or use 'regent promote'"));
        }
        if (candidate.isPresent()) {
            Optional<ModelVersion> live = tx.findVersion(model, candidate.get());
            if (live.isEmpty()) {
                pre.add(Finding.fail("target still registered", "version " + candidate.get() + " was deleted"));
            } else {
                restored = live.get();
                pre.add(Finding.pass("target still registered", "version " + candidate.get() + " is registered"));
                if (pre.stream().allMatch(Finding::passed)) {
                    // only a valid target is worth the stage and governance checks; otherwise they would bury the real reason
                    pre.add(NamedStageOnly.rollbackTarget(tx, history, model, stage, restored, currentNumber, reason,
                            (v, s) -> guard.check(tx, v, s, actor).stream().allMatch(Finding::passed)));
                }
                if (pre.stream().allMatch(Finding::passed)) {
                    pre.addAll(guard.check(tx, restored, stage, actor));
                }
            }
        }
        List<String> steps = new ArrayList<>();
        steps.add(current == null ? "No version holds " + stage + " now."
                : "Move the current holder, version " + current.number() + ", from " + stage + " to Archived (rolled back).");
        steps.add("Return version " + candidate.map(Object::toString).orElse("?") + " to " + stage + ".");
        steps.add("Record both transitions and a stage.rollback audit entry with the reason.");
        return new Plan("rollback", steps, pre);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        List<Change> changes = new ArrayList<>();
        TreeMap<String, String> before = new TreeMap<>();
        TreeMap<String, String> after = new TreeMap<>();
        if (current != null) {
            tx.setStage(model, current.number(), Stage.ARCHIVED, now);
            tx.appendTransition(new Transition(0, model, current.number(), stage, Stage.ARCHIVED, TransitionCause.ROLLED_BACK,
                    actor, reason.text(), now));
            changes.add(new Change("stage", current.ref().toString(), stage + " -> Archived (rolled back)"));
            before.put("holder", current.number().toString());
            after.put("archived", current.number().toString());
        }
        tx.setStage(model, restored.number(), stage, now);
        tx.touchModel(model, now);
        tx.appendTransition(new Transition(0, model, restored.number(), restored.stage(), stage, TransitionCause.ROLLBACK,
                actor, reason.text(), now));
        changes.add(new Change("stage", restored.ref().toString(), restored.stage() + " -> " + stage + " (restored)"));
        after.put("holder", restored.number().toString());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.STAGE_ROLLBACK, AuditTarget.stage(model, stage),
                AuditOutcome.APPLIED, reason.text(), before, after);
        return new Applied(changes, List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        List<Finding> checks = new ArrayList<>();
        List<ModelVersion> holders = tx.stageHolders(model, stage);
        checks.add(Expect.equal("holder of " + stage, restored.number(), holders.isEmpty() ? null : holders.get(0).number()));
        checks.add(Expect.that("one version in " + stage, holders.size() == 1, holders.size() + " version(s) hold " + stage));
        if (current != null) {
            checks.add(Expect.equal("stage of rolled-back version " + current.number(), Stage.ARCHIVED,
                    tx.findVersion(model, current.number()).map(ModelVersion::stage).orElse(null)));
        }
        Stage other = otherExclusive();
        checks.add(Expect.equal("holder of " + other + " unchanged", otherHolders, holders(tx, other)));
        checks.add(OlderVersions.stillPresent(tx, model, existing, 0));
        return checks;
    }

    /** The exclusive stage this rollback does not name, whose holder it must leave where it is. */
    private Stage otherExclusive() {
        return stage == Stage.STAGING ? Stage.PRODUCTION : Stage.STAGING;
    }

    /** The stage's holder as the verification shows it: a version number, or "none". */
    private String holders(StoreTransaction tx, Stage of) {
        List<ModelVersion> holders = tx.stageHolders(model, of);
        return holders.isEmpty() ? "none" : holders.stream().map(v -> v.number().toString()).collect(Collectors.joining(", "));
    }

    @Override
    Rollback rollback() {
        if (current == null) {
            return Rollback.by("regent promote " + Shell.quote(model) + " " + restored.number() + " --to " + restored.stage() + " --reason "
                    + Shell.quote("undo rollback"), "");
        }
        return Rollback.by("regent rollback " + Shell.quote(model) + " --stage " + stage + " --to " + current.number() + " --reason "
                + Shell.quote("undo rollback"), "Returns version " + current.number() + " to " + stage + ".");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.STAGE_ROLLBACK, AuditTarget.stage(model, stage), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Rolled back " + model + " " + stage + " to version " + restored.number() + "."
                + (current != null ? " Version " + current.number() + " moved to Archived." : "");
    }

    @Override
    String plannedSummary() {
        return model + " " + stage + " would return to version " + (restored == null ? "?" : restored.number()) + ".";
    }
}
