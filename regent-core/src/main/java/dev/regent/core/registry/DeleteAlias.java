package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.List;

/** Removes an alias; the version it pointed at is untouched. */
final class DeleteAlias extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final AliasName alias;
    private final Reason reason;
    private VersionNumber previous;

    DeleteAlias(Principal actor, ModelName model, AliasName alias, Reason reason) {
        this.actor = actor;
        this.model = model;
        this.alias = alias;
        this.reason = reason;
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
        Lookups.requireModel(tx, model);
        previous = tx.aliases(model).get(alias);
        if (previous == null) {
            throw RegentException.notFound("alias '" + alias + "' of model '" + model + "' not found");
        }
        return new Plan("alias delete", List.of("Remove alias '" + alias + "' (points at version " + previous + ").",
                "Record an alias.delete audit entry with the reason."),
                List.of(Finding.pass("alias exists", alias + " -> " + previous)));
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.deleteAlias(model, alias);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.ALIAS_DELETE, AuditTarget.alias(model, alias),
                AuditOutcome.APPLIED, reason.text(), StateMaps.single("version", previous.toString()), null);
        return new Applied(List.of(new Change("alias", model + "@" + alias, "removed (pointed at " + previous + ")")),
                List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.that("alias removed", !tx.aliases(model).containsKey(alias), "alias '" + alias + "' "
                + (tx.aliases(model).containsKey(alias) ? "still exists" : "is gone")),
                Expect.that("version " + previous + " still present", tx.findVersion(model, previous).isPresent(), ""));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent alias set " + Shell.quote(model) + " " + alias + " " + previous + " --reason "
                + Shell.quote("undo alias delete"), "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.ALIAS_DELETE, AuditTarget.alias(model, alias), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Removed alias '" + alias + "' of '" + model + "' (it pointed at version " + previous + ").";
    }

    @Override
    String plannedSummary() {
        return "alias '" + alias + "' of '" + model + "' would be removed.";
    }
}
