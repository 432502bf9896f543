package dev.regent.core.registry;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Revokes evidence: it stays for audit but supports nothing from now on, so tags it backed become unsupported. */
final class RevokeEvidence extends Mutation {
    private final Principal actor;
    private final EvidenceId id;
    private final Reason reason;
    private final ModelName model;
    private Evidence evidence;
    private List<String> affectedTags;

    RevokeEvidence(Principal actor, EvidenceId id, Reason reason, ModelName model) {
        this.actor = actor;
        this.id = id;
        this.reason = reason;
        this.model = model;
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
        evidence = tx.findEvidence(id).orElseThrow(() -> RegentException.notFound("evidence " + id + " not found"));
        affectedTags = new ArrayList<>();
        for (ComplianceTag t : tx.complianceTags(evidence.model(), evidence.version())) {
            if (t.evidence().equals(id)) {
                affectedTags.add(t.tag());
            }
        }
        List<Finding> pre = List.of(evidence.revoked()
                ? Finding.fail("evidence not yet revoked", id + " was revoked by " + evidence.revocation().by() + " at "
                        + evidence.revocation().at())
                : Finding.pass("evidence not yet revoked", evidence.kind() + " on " + evidence.model() + "/" + evidence.version()));
        List<String> steps = new ArrayList<>();
        steps.add("Revoke " + evidence.kind() + " evidence " + id + " of " + evidence.model() + "/" + evidence.version()
                + " (it stays recorded, but supports nothing from now on).");
        if (!affectedTags.isEmpty()) {
            steps.add("Compliance tag(s) " + String.join(", ", affectedTags) + " become unsupported and stop satisfying gates.");
        }
        steps.add("Approvals that reviewed it become stale (the review digest changes).");
        steps.add("Record an evidence.revoke audit entry with the reason.");
        return new Plan("evidence revoke", steps, pre);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.revokeEvidence(id, new Revocation(actor, now, reason.text()));
        List<Change> changes = new ArrayList<>();
        changes.add(new Change("evidence", id.value(), "revoked"));
        affectedTags.forEach(t -> changes.add(new Change("tag", evidence.model() + "/" + evidence.version(), t + " now unsupported")));
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.EVIDENCE_REVOKE,
                AuditTarget.version(evidence.model(), evidence.version()), AuditOutcome.APPLIED, reason.text(),
                StateMaps.single("revoked", "false"), StateMaps.single("revoked", "true")).withEvidence(List.of(id.value()));
        return new Applied(changes, List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        boolean revoked = tx.findEvidence(id).map(Evidence::revoked).orElse(false);
        return List.of(Expect.that("evidence revoked", revoked, id.value()));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A revocation cannot be undone: attach the evidence again (it gets a new id) and set the tags again.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.EVIDENCE_REVOKE, evidence == null ? "evidence:" + id
                : AuditTarget.version(evidence.model(), evidence.version()), reason.text(), why).withEvidence(List.of(id.value()));
    }

    @Override
    String appliedSummary() {
        return "Revoked evidence " + id + "." + (affectedTags.isEmpty() ? "" : " Unsupported now: " + String.join(", ", affectedTags) + ".");
    }

    @Override
    String plannedSummary() {
        return "evidence " + id + " would be revoked.";
    }
}
