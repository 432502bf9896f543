package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
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

/** Creates an alias or moves it to another version; protected aliases pass the alias's gates first. */
final class SetAlias extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final AliasName alias;
    private final VersionNumber number;
    private final Reason reason;
    private final PolicyInEffect policies;
    private GateDecision decision;
    private VersionNumber previous;
    private ModelVersion version;

    SetAlias(Principal actor, ModelName model, AliasName alias, VersionNumber number, Reason reason, PolicyInEffect policies) {
        this.actor = actor;
        this.model = model;
        this.alias = alias;
        this.number = number;
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
        version = Lookups.version(tx, model, number);
        previous = tx.aliases(model).get(alias);
        List<Finding> pre = new ArrayList<>();
        pre.add(Finding.pass("version exists", version.ref() + " is in " + version.stage()));
        decision = null;
        if (number.equals(previous)) {
            // nothing moves, so there is nothing for the gates to decide; a move elsewhere still passes them
            return new Plan("alias set", List.of("Alias '" + alias + "' already points at version " + number
                            + ": nothing to change, no audit entry.",
                    "The gates of alias '" + alias + "' are not evaluated, as nothing moves ('regent gates " + model + " "
                            + number + " --for " + alias + "' evaluates them under the policy in effect)."), pre);
        }
        // deployments follow aliases as they follow stages: every alias move passes its gates (see Policy)
        decision = policies.decide(tx, version, GateTarget.of(alias), actor);
        pre.addAll(decision.withPolicy());
        String step = previous == null ? "Create alias '" + alias + "' pointing at version " + number + "."
                : "Move alias '" + alias + "' from version " + previous + " to version " + number + ".";
        return new Plan("alias set", List.of(step, "Record an alias.set audit entry with the reason."), pre);
    }

    @Override
    java.util.Optional<String> alreadyInPlace() {
        return number.equals(previous)
                ? java.util.Optional.of("Alias '" + alias + "' of '" + model + "' already points at version " + number)
                : java.util.Optional.empty();
    }

    @Override
    dev.regent.core.policy.EffectivePolicy policyUsed() {
        return decision == null ? null : decision.policy();
    }

    @Override
    dev.regent.core.error.ErrorCode refusalCode() {
        return dev.regent.core.error.ErrorCode.GATE_FAILED;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.setAlias(model, alias, number, now);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.ALIAS_SET, AuditTarget.alias(model, alias),
                AuditOutcome.APPLIED, reason.text(),
                previous == null ? null : StateMaps.single("version", previous.toString()),
                StateMaps.single("version", number.toString()));
        return new Applied(List.of(new Change("alias", model + "@" + alias,
                previous == null ? "created -> " + number : previous + " -> " + number)), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.equal("alias " + alias, number, tx.aliases(model).get(alias)),
                Expect.equal("version " + number + " stage unchanged", version.stage(),
                        tx.findVersion(model, number).map(ModelVersion::stage).orElse(null)));
    }

    @Override
    Rollback rollback() {
        String why = Shell.quote("undo alias change");
        if (previous == null) {
            return Rollback.by("regent alias delete " + Shell.quote(model) + " " + alias + " --reason " + why, "");
        }
        return Rollback.by("regent alias set " + Shell.quote(model) + " " + alias + " " + previous + " --reason " + why, "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.ALIAS_SET, AuditTarget.alias(model, alias), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Alias '" + alias + "' of '" + model + "' now points at version " + number
                + (previous == null ? "." : " (was " + previous + ").");
    }

    @Override
    String plannedSummary() {
        return "alias '" + alias + "' of '" + model + "' would point at version " + number + ".";
    }
}
