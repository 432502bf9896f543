package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Changes a model's description and tags. */
final class UpdateModel extends Mutation {
    private final Principal actor;
    private final ModelName name;
    private final Annotations change;
    private final java.util.function.Predicate<Model> stillAsRead;
    private boolean stale;
    private Model before;
    private Description newDescription;
    private Tags newTags;

    UpdateModel(Principal actor, ModelName name, Annotations change, java.util.function.Predicate<Model> stillAsRead) {
        this.stillAsRead = stillAsRead;
        this.actor = actor;
        this.name = name;
        this.change = change;
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
        newDescription = change.description(before.description());
        newTags = change.tags(before.tags());
        List<String> steps = new ArrayList<>(AnnotationSteps.describe("model '" + name + "'", before.description(),
                newDescription, before.tags(), newTags));
        steps.add("Record a model.update audit entry.");
        stale = !stillAsRead.test(before);
        return new Plan("model update", steps, List.of(Finding.pass("model exists", name.value()), stale
                ? Finding.fail("unchanged since read", "model '" + name + "' was changed after you read it (updated "
                        + before.updatedAt() + "); read it again and retry")
                : Finding.pass("unchanged since read", "as read")));
    }

    @Override
    dev.regent.core.error.ErrorCode refusalCode() {
        return stale ? dev.regent.core.error.ErrorCode.STALE_REVISION : dev.regent.core.error.ErrorCode.RULE_VIOLATION;
    }

    @Override
    Optional<String> alreadyInPlace() {
        return newDescription.equals(before.description()) && newTags.equals(before.tags())
                ? Optional.of("Model '" + name + "' already has these annotations") : Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        // as MLflow: the model's last-updated time moves with its description, not with its tags
        Model after = before.withAnnotations(newDescription, newTags,
                newDescription.equals(before.description()) ? before.updatedAt() : now);
        tx.updateModel(after);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.MODEL_UPDATE, AuditTarget.model(name),
                AuditOutcome.APPLIED, "", StateMaps.of(before), StateMaps.of(after));
        return new Applied(AnnotationSteps.changes("model", name.value(), before.description(), newDescription,
                before.tags(), newTags), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<Model> read = tx.findModel(name);
        if (read.isEmpty()) {
            return List.of(Finding.fail("model exists", "model '" + name + "' not found after commit"));
        }
        return List.of(Expect.equal("description", newDescription.text(), read.get().description().text()),
                Expect.equal("tags", newTags.values(), read.get().tags().values()));
    }

    @Override
    Rollback rollback() {
        return new Rollback(List.of(AnnotationSteps.undoCommand("regent model update " + Shell.quote(name), before.description(),
                newDescription, before.tags(), newTags)), "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.MODEL_UPDATE, AuditTarget.model(name), "", why);
    }

    @Override
    String appliedSummary() {
        return "Updated the annotations of model '" + name + "'.";
    }

    @Override
    String plannedSummary() {
        return "the annotations of model '" + name + "' would be updated.";
    }
}
