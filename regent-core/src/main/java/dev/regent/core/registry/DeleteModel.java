package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tombstones a model: it disappears from normal reads but its entries stay in the audit log. Refused while any
 * of its versions is in Staging or Production, because something may be serving it.
 */
final class DeleteModel extends Mutation {
    private final Principal actor;
    private final ModelName name;
    private final Reason reason;
    private Model before;

    DeleteModel(Principal actor, ModelName name, Reason reason) {
        this.actor = actor;
        this.name = name;
        this.reason = reason;
    }

    @Override
    ModelName model() {
        return name;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        before = Lookups.model(tx, name);
        List<Finding> pre = new ArrayList<>();
        for (Stage stage : List.of(Stage.STAGING, Stage.PRODUCTION)) {
            List<ModelVersion> holders = tx.stageHolders(name, stage);
            pre.add(holders.isEmpty()
                    ? Finding.pass("no version in " + stage, "none holds " + stage)
                    : Finding.fail("no version in " + stage, "version " + holders.get(0).number() + " is in " + stage
                            + "; move it to Archived first ('regent promote " + Shell.quote(name) + " " + holders.get(0).number()
                            + " --to Archived --reason …')"));
        }
        return new Plan("model delete", List.of("Mark model '" + name + "' deleted (a tombstone: hidden from reads, kept for audit).",
                "Record a model.delete audit entry with the reason."), pre);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.deleteModel(name, now);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.MODEL_DELETE, AuditTarget.model(name),
                AuditOutcome.APPLIED, reason.text(), StateMaps.of(before), StateMaps.single("deleted", "true"));
        return new Applied(List.of(new Change("model", name.value(), "deleted (tombstone)")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.that("model hidden from reads", tx.findModel(name).isEmpty(),
                "model '" + name + "' " + (tx.findModel(name).isEmpty() ? "no longer listed" : "is still listed")));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A deletion cannot be undone by a command: the tombstone and its history stay in the "
                + "audit log. Re-create the model with 'regent model create " + Shell.quote(name) + "' and register its artifacts again.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.MODEL_DELETE, AuditTarget.model(name), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Deleted model '" + name + "' (tombstoned; its audit history remains).";
    }

    @Override
    String plannedSummary() {
        return "model '" + name + "' would be deleted.";
    }
}
