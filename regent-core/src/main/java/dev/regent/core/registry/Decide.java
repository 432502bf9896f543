package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Approval;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateContext;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Records an approval or rejection of a version for a target, bound to the review digest of what the reviewer saw.
 * Approvers only; a version's creator may not approve it, and neither may an agent — both refusals are recorded.
 */
final class Decide extends Mutation {
    static final int MAX_COMMENT = 2000;
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final GateTarget target;
    private final Decision decision;
    private final String comment;
    private final boolean asserted;
    private final PolicyInEffect policies;
    private String gateSet;
    private dev.regent.core.policy.EffectivePolicy policyUsed;
    private Approval recorded;
    private GateContext context;
    private PrincipalRecord reviewer;

    Decide(Principal actor, ModelName model, VersionNumber number, GateTarget target, Decision decision, String comment,
           boolean asserted, PolicyInEffect policies) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.target = target;
        this.decision = decision;
        this.comment = comment == null ? "" : dev.regent.core.text.ReadableText.require(comment.strip(), "comment");
        this.asserted = asserted;
        this.policies = policies;
        if (this.comment.length() > MAX_COMMENT) {
            throw RegentException.invalid("comment is " + this.comment.length() + " characters; the limit is " + MAX_COMMENT);
        }
        if (decision == Decision.REJECT && this.comment.isEmpty()) {
            throw RegentException.invalid("a rejection needs a --comment saying what must change");
        }
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
        return Role.APPROVER;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        ModelVersion version = Lookups.version(tx, model, number);
        context = GateContext.load(tx, version, target, actor);
        reviewer = tx.findPrincipal(actor).orElseThrow();
        dev.regent.core.policy.EffectivePolicy policy = policies.current(tx);
        policyUsed = policy;
        gateSet = "policy " + policy.revision().label() + ": " + policy.policy().gateSet(model, target).origin();
        List<Finding> pre = new ArrayList<>();
        pre.add(version.createdBy().equals(actor)
                ? Finding.fail("reviewer is not the creator", actor + " registered " + version.ref() + " and cannot review it; "
                        + "ask another approver")
                : Finding.pass("reviewer is not the creator", "created by " + version.createdBy()));
        pre.add(reviewer.kind() == PrincipalKind.AGENT
                ? Finding.fail("reviewer is a person or service", actor + " is an agent; agents may request promotions but "
                        + "approvals need a human")
                : Finding.pass("reviewer is a person or service", actor + " is a " + reviewer.kind().name().toLowerCase()));
        String what = decision == Decision.APPROVE ? "approval" : "rejection";
        return new Plan(decision == Decision.APPROVE ? "approve" : "reject", List.of(
                "Record " + actor + "'s " + what + " of " + version.ref() + " for " + target + ", bound to review digest "
                        + context.reviewDigest().shortForm() + " (card " + context.card().map(c -> "revision " + c.revision())
                        .orElse("none") + ", " + context.evidence().size() + " evidence, " + context.tags().size() + " compliance tag(s)).",
                "It is given for the gate set of " + target + " in " + gateSet + ".",
                "It supersedes " + actor + "'s earlier decisions on this target; it goes stale if any of these change.",
                "Record an " + (decision == Decision.APPROVE ? "approval.approve" : "approval.reject") + " audit entry."
                        + (asserted ? " Local mode: the identity is asserted, not authenticated." : "")), pre);
    }

    @Override
    dev.regent.core.policy.EffectivePolicy policyUsed() {
        return policyUsed;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        recorded = tx.insertApproval(new Approval(0, model, number, target.wire(), actor, reviewer.effectiveRoles(model), decision,
                comment, context.reviewDigest(), asserted, now, gateSet));
        TreeMap<String, String> after = new TreeMap<>();
        after.put("target", target.wire());
        after.put("decision", decision.name());
        after.put("review_digest", context.reviewDigest().value());
        after.put("asserted", Boolean.toString(asserted));
        after.put("gate_set", gateSet);
        AuditEntry entry = AuditEntry.draft(now, actor, decision == Decision.APPROVE ? AuditAction.APPROVE : AuditAction.REJECT,
                AuditTarget.version(model, number), AuditOutcome.APPLIED, comment, null, after)
                .withEvidence(context.evidence().stream().map(e -> e.id().value()).toList());
        return new Applied(List.of(new Change("approval", model + "/" + number, decision.name().toLowerCase() + " for " + target
                + " by " + actor + " (#" + recorded.id() + ")")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        boolean present = tx.approvals(model, number).stream().anyMatch(a -> a.id() == recorded.id());
        return List.of(Expect.that("decision recorded", present, "#" + recorded.id()));
    }

    @Override
    Rollback rollback() {
        return Rollback.by(decision == Decision.APPROVE
                ? "regent reject " + Shell.quote(model) + " " + number + " --for " + target.wire() + " --comment " + Shell.quote("withdrawn")
                : "regent approve " + Shell.quote(model) + " " + number + " --for " + target.wire(),
                "A later decision by the same principal supersedes this one; both stay in the audit log.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, decision == Decision.APPROVE ? AuditAction.APPROVE : AuditAction.REJECT,
                AuditTarget.version(model, number), comment, "for " + target.wire() + ": " + why);
    }

    @Override
    String appliedSummary() {
        return (decision == Decision.APPROVE ? "Approved " : "Rejected ") + model + "/" + number + " for " + target + " as " + actor + ".";
    }

    @Override
    String plannedSummary() {
        return actor + "'s " + (decision == Decision.APPROVE ? "approval" : "rejection") + " of " + model + "/" + number
                + " for " + target + " would be recorded.";
    }
}
