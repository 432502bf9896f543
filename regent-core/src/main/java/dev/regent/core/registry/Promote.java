package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Moves a version to a stage. For an exclusive stage the current holder goes to Archived in the same transaction.
 * The gates for the target stage are evaluated here, inside the transaction that writes the change.
 */
final class Promote extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final Stage target;
    private final Reason reason;
    private final PolicyInEffect policies;
    private GateDecision decision;
    private ModelVersion before;
    private ModelVersion displaced;
    private SortedMap<AliasName, VersionNumber> aliasesBefore;
    private dev.regent.core.store.VersionSummary existing;
    private ErrorCode refusal = ErrorCode.RULE_VIOLATION;

    Promote(Principal actor, ModelName model, VersionNumber number, Stage target, Reason reason, PolicyInEffect policies) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.target = target;
        this.reason = reason;
        this.policies = policies;
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
    Plan plan(StoreTransaction tx) {
        before = Lookups.version(tx, model, number);
        existing = tx.versionSummary(model);
        aliasesBefore = new TreeMap<>(tx.aliases(model));
        displaced = null;
        refusal = ErrorCode.RULE_VIOLATION;
        if (target.exclusive()) {
            displaced = tx.stageHolders(model, target).stream().filter(v -> !v.number().equals(number)).findFirst().orElse(null);
        }
        decision = null;
        if (before.stage() == target) {
            // nothing moves, so there is nothing for the gates to decide; the gates of later moves are untouched
            return new Plan("promote", List.of("Version " + before.ref() + " is already in " + target + ": nothing to change, "
                            + "no transition and no audit entry.",
                    "The gates of " + target + " are not evaluated, as nothing moves ('regent gates " + model + " " + number
                            + " --for " + target + "' evaluates them under the policy in effect)."),
                    List.of(Finding.pass("version exists", before.ref() + " is in " + before.stage())));
        }
        List<Finding> pre = new ArrayList<>();
        pre.add(Finding.pass("version exists", before.ref() + " is in " + before.stage()));
        decision = policies.decide(tx, before, GateTarget.of(target), actor);
        if (!decision.passed()) {
            refusal = ErrorCode.GATE_FAILED;
        }
        pre.addAll(decision.withPolicy());
        List<String> steps = new ArrayList<>();
        steps.add("Move version " + before.ref() + " from " + before.stage() + " to " + target + ".");
        if (before.stage().exclusive()) {
            // leaving an exclusive stage is what was asked for (the version is named), but say what it leaves behind
            steps.add("No version will hold " + before.stage() + " afterwards.");
        }
        if (displaced != null) {
            steps.add(target + " is exclusive: move the current holder, version " + displaced.number() + ", to Archived.");
        }
        steps.add("Record the transition(s) in the stage history and a stage.transition audit entry with the reason.");
        return new Plan("promote", steps, pre);
    }

    @Override
    Optional<String> alreadyInPlace() {
        return before.stage() == target ? Optional.of("Version " + before.ref() + " is already in " + target) : Optional.empty();
    }

    @Override
    dev.regent.core.policy.EffectivePolicy policyUsed() {
        return decision == null ? null : decision.policy();
    }

    @Override
    ErrorCode refusalCode() {
        return refusal;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        List<Change> changes = new ArrayList<>();
        List<AuditEntry> audit = new ArrayList<>();
        if (displaced != null) {
            tx.setStage(model, displaced.number(), Stage.ARCHIVED, now);
            tx.appendTransition(new Transition(0, model, displaced.number(), target, Stage.ARCHIVED, TransitionCause.DISPLACED,
                    actor, "displaced by version " + number + ": " + reason.text(), now));
            changes.add(new Change("stage", displaced.ref().toString(), target + " -> Archived (displaced)"));
            audit.add(AuditEntry.draft(now, actor, AuditAction.STAGE_TRANSITION, AuditTarget.version(model, displaced.number()),
                    AuditOutcome.APPLIED, "displaced by version " + number + ": " + reason.text(),
                    StateMaps.single("stage", target.label()), StateMaps.single("stage", Stage.ARCHIVED.label())));
        }
        tx.setStage(model, number, target, now);
        tx.touchModel(model, now);
        tx.appendTransition(new Transition(0, model, number, before.stage(), target, TransitionCause.PROMOTION, actor,
                reason.text(), now));
        changes.add(new Change("stage", before.ref().toString(), before.stage() + " -> " + target));
        TreeMap<String, String> after = new TreeMap<>(StateMaps.single("stage", target.label()));
        if (displaced != null) {
            after.put("displaced", displaced.number().toString());
        }
        audit.add(AuditEntry.draft(now, actor, AuditAction.STAGE_TRANSITION, AuditTarget.version(model, number),
                AuditOutcome.APPLIED, reason.text(), StateMaps.single("stage", before.stage().label()), after));
        return new Applied(changes, audit);
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        List<Finding> checks = new ArrayList<>();
        Optional<ModelVersion> read = tx.findVersion(model, number);
        checks.add(Expect.equal("stage of version " + number, target, read.map(ModelVersion::stage).orElse(null)));
        if (displaced != null) {
            checks.add(Expect.equal("stage of displaced version " + displaced.number(), Stage.ARCHIVED,
                    tx.findVersion(model, displaced.number()).map(ModelVersion::stage).orElse(null)));
        }
        if (target.exclusive()) {
            List<ModelVersion> holders = tx.stageHolders(model, target);
            checks.add(Expect.that("one version in " + target, holders.size() == 1, holders.size() + " version(s) hold " + target));
        }
        checks.add(Expect.equal("aliases unchanged", aliasesBefore, new TreeMap<>(tx.aliases(model))));
        checks.add(OlderVersions.stillPresent(tx, model, existing, 0));
        return checks;
    }

    @Override
    Rollback rollback() {
        String why = Shell.quote("undo promotion of version " + number + " to " + target);
        if (displaced != null) {
            return Rollback.by("regent rollback " + Shell.quote(model) + " --stage " + target + " --to " + displaced.number() + " --reason " + why,
                    "Returns version " + displaced.number() + " to " + target + " and archives version " + number + ".");
        }
        return Rollback.by("regent promote " + Shell.quote(model) + " " + number + " --to " + before.stage() + " --reason " + why,
                "Returns version " + number + " to " + before.stage() + ".");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.STAGE_TRANSITION, AuditTarget.version(model, number), reason.text(),
                "to " + target + ": " + why);
    }

    @Override
    String appliedSummary() {
        return "Version " + before.ref() + " is now in " + target + "."
                + (displaced != null ? " Version " + displaced.number() + " moved from " + target + " to Archived." : "");
    }

    @Override
    String plannedSummary() {
        return "version " + model + "/" + number + " would move to " + target
                + (displaced != null ? " and version " + displaced.number() + " to Archived." : ".");
    }
}
