package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.lifecycle.Reason;
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

/** Removes a compliance tag from a version, with a reason; its evidence stays. */
final class RemoveComplianceTag extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final String tag;
    private final Reason reason;
    private ComplianceTag previous;

    RemoveComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, Reason reason) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.tag = tag;
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
        Lookups.version(tx, model, number);
        previous = tx.complianceTags(model, number).stream().filter(t -> t.tag().equals(tag)).findFirst()
                .orElseThrow(() -> RegentException.notFound("compliance tag '" + tag + "' is not set on " + model + "/" + number));
        return new Plan("tag remove", List.of("Remove compliance tag " + tag + " (backed by " + previous.evidence() + ") from "
                + model + "/" + number + ".", "Record a tag.remove audit entry with the reason."),
                List.of(Finding.pass("tag is set", tag + " backed by " + previous.evidence())));
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.removeComplianceTag(model, number, tag);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.COMPLIANCE_TAG_REMOVE, AuditTarget.version(model, number),
                AuditOutcome.APPLIED, reason.text(), StateMaps.single("tag." + tag, previous.evidence().value()), null)
                .withEvidence(List.of(previous.evidence().value()));
        return new Applied(List.of(new Change("compliance tag", model + "/" + number, tag + " removed")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        boolean gone = tx.complianceTags(model, number).stream().noneMatch(t -> t.tag().equals(tag));
        return List.of(Expect.that("tag removed", gone, tag));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent tag set " + Shell.quote(model) + " " + number + " " + tag + " --evidence " + previous.evidence(),
                "Works while that evidence is not revoked.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.COMPLIANCE_TAG_REMOVE, AuditTarget.version(model, number), reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Removed compliance tag " + tag + " from " + model + "/" + number + ".";
    }

    @Override
    String plannedSummary() {
        return "compliance tag " + tag + " would be removed from " + model + "/" + number + ".";
    }
}
