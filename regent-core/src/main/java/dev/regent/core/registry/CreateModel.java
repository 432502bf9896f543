package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Registers a new model name with an optional description and tags. */
final class CreateModel extends Mutation {
    private final Principal actor;
    private final ModelName name;
    private final Description description;
    private final Tags tags;

    CreateModel(Principal actor, ModelName name, Description description, Tags tags) {
        this.actor = actor;
        this.name = name;
        this.description = description;
        this.tags = tags;
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
        // by key: "fraud" is taken while "Fraud" lives, so no two models can pass for each other
        Optional<Model> existing = tx.findModelByKey(name);
        List<Finding> pre = new ArrayList<>();
        pre.add(existing.isEmpty()
                ? Finding.pass("model name is free", "no model named '" + name + "' exists")
                : existing.get().name().equals(name)
                ? Finding.fail("model name is free", "model '" + name + "' already exists (created by "
                        + existing.get().createdBy() + "); use 'regent model update " + Shell.quote(name.value())
                        + "' to change it")
                : Finding.fail("model name is free", LookAlikes.taken(name, existing.get())));
        List<String> steps = List.of("Create model '" + name + "'"
                + (description.isEmpty() ? "" : " with a description") + (tags.isEmpty() ? "" : " and tags " + tags) + ".",
                "Record a model.create audit entry.");
        return new Plan("model create", steps, pre);
    }

    @Override
    ErrorCode refusalCode() {
        return ErrorCode.ALREADY_EXISTS;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        Model model = new Model(name, description, tags, actor, now, now);
        tx.insertModel(model);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.MODEL_CREATE, AuditTarget.model(name),
                AuditOutcome.APPLIED, "", null, StateMaps.of(model));
        return new Applied(List.of(new Change("model", name.value(), "created")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<Model> read = tx.findModel(name);
        List<Finding> checks = new ArrayList<>();
        checks.add(read.isPresent() ? Finding.pass("model exists", name.value())
                : Finding.fail("model exists", "model '" + name + "' not found after commit"));
        read.ifPresent(m -> {
            checks.add(Expect.equal("description", description.text(), m.description().text()));
            checks.add(Expect.equal("tags", tags.values(), m.tags().values()));
        });
        return checks;
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent model delete " + Shell.quote(name) + " --reason " + Shell.quote("undo model create"),
                "Deleting leaves a tombstone in the audit log; the name can then be reused.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.MODEL_CREATE, AuditTarget.model(name), "", why);
    }

    @Override
    String appliedSummary() {
        return "Created model '" + name + "'.";
    }

    @Override
    String plannedSummary() {
        return "model '" + name + "' would be created.";
    }
}
