package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Annotates an existing version: its description and tags. Everything else about a version is immutable. */
final class UpdateVersion extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final Annotations change;
    private final java.util.function.Predicate<ModelVersion> stillAsRead;
    private boolean stale;
    private final PolicyInEffect policies;
    private ModelVersion before;
    private Description newDescription;
    private Tags newTags;

    UpdateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change, PolicyInEffect policies,
                  java.util.function.Predicate<ModelVersion> stillAsRead) {
        this.stillAsRead = stillAsRead;
        this.policies = policies;
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.change = change;
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
        newDescription = change.description(before.description());
        newTags = change.tags(before.tags());
        List<String> steps = new ArrayList<>();
        steps.add("Annotate EXISTING version " + before.ref() + " (no new version; source, digest, metrics and params stay as registered).");
        steps.addAll(AnnotationSteps.describe("version " + before.ref(), before.description(), newDescription, before.tags(), newTags));
        steps.add("Record a version.update audit entry.");
        stale = !stillAsRead.test(before);
        return new Plan("version update", steps, List.of(Finding.pass("version exists", before.ref().toString()),
                ComplianceTagNames.check(policies.current(tx).policy().complianceTags().keySet(), change.setTags(), model + " " + number), stale
                        ? Finding.fail("unchanged since read", "version " + before.ref() + " was changed after you read it "
                                + "(updated " + before.updatedAt() + "); read it again and retry")
                        : Finding.pass("unchanged since read", "as read")));
    }

    private boolean unchanged() {
        return newDescription.equals(before.description()) && newTags.equals(before.tags());
    }

    @Override
    dev.regent.core.error.ErrorCode refusalCode() {
        return stale ? dev.regent.core.error.ErrorCode.STALE_REVISION : dev.regent.core.error.ErrorCode.RULE_VIOLATION;
    }

    @Override
    Optional<String> alreadyInPlace() {
        return unchanged() ? Optional.of("Version " + before.ref() + " already has these annotations") : Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        // as MLflow: a version's last-updated time moves with its description (and its stage), not with its tags
        Instant at = newDescription.equals(before.description()) ? before.updatedAt() : now;
        tx.updateVersionAnnotations(model, number, newDescription, newTags, at);
        ModelVersion after = before.withAnnotations(newDescription, newTags, at);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.VERSION_UPDATE, AuditTarget.version(model, number),
                AuditOutcome.APPLIED, "", StateMaps.of(before), StateMaps.of(after));
        return new Applied(AnnotationSteps.changes("version", before.ref().toString(), before.description(), newDescription,
                before.tags(), newTags), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<ModelVersion> read = tx.findVersion(model, number);
        if (read.isEmpty()) {
            return List.of(Finding.fail("version exists", before.ref() + " not found after commit"));
        }
        ModelVersion v = read.get();
        return List.of(Expect.equal("description", newDescription.text(), v.description().text()),
                Expect.equal("tags", newTags.values(), v.tags().values()),
                Expect.equal("source unchanged", before.source(), v.source()),
                Expect.equal("digest unchanged", before.artifactDigest(), v.artifactDigest()),
                Expect.equal("stage unchanged", before.stage(), v.stage()));
    }

    @Override
    Rollback rollback() {
        return new Rollback(List.of(AnnotationSteps.undoCommand("regent version update " + Shell.quote(model) + " " + number,
                before.description(), newDescription, before.tags(), newTags)), "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.VERSION_UPDATE, AuditTarget.version(model, number), "", why);
    }

    @Override
    String appliedSummary() {
        return "Updated the annotations of version " + before.ref() + ".";
    }

    @Override
    String plannedSummary() {
        return "the annotations of version " + model + "/" + number + " would be updated.";
    }
}
