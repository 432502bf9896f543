package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.Policy;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets a compliance tag on a version, backed by evidence: no evidence, no tag. Refused when the tag is not a
 * compliance tag of the policy, or the evidence is revoked, belongs to another version, or is of a kind that does
 * not support the tag.
 */
final class SetComplianceTag extends Mutation {
    private final Principal actor;
    private final ModelName model;
    private final VersionNumber number;
    private final String tag;
    private final EvidenceId evidenceId;
    private final PolicyInEffect policies;
    private dev.regent.core.policy.EffectivePolicy effective;
    private ModelVersion version;
    private Optional<ComplianceTag> previous;

    SetComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, EvidenceId evidenceId, PolicyInEffect policies) {
        this.actor = actor;
        this.model = model;
        this.number = number;
        this.tag = tag;
        this.evidenceId = evidenceId;
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
        Evidence evidence = tx.findEvidence(evidenceId).orElseThrow(() -> RegentException.notFound("evidence " + evidenceId + " not found"));
        previous = tx.complianceTags(model, number).stream().filter(t -> t.tag().equals(tag)).findFirst();
        List<Finding> pre = new ArrayList<>();
        effective = policies.current(tx);
        Policy policy = effective.policy();
        List<EvidenceKind> kinds = policy.complianceTags().get(tag);
        if (kinds == null) {
            pre.add(Finding.fail("tag is a compliance tag", "'" + tag + "' is not a compliance tag of policy "
                    + effective.revision().label()
                    + " (compliance tags: " + String.join(", ", policy.complianceTags().keySet()) + "); ordinary tags are set with "
                    + "'regent version update " + Shell.quote(model) + " " + number + " --tag " + tag + "=VALUE'"));
        } else {
            pre.add(Finding.pass("tag is a compliance tag", tag + " is supported by " + kinds));
        }
        pre.add(evidence.model().equals(model) && evidence.version().equals(number)
                ? Finding.pass("evidence belongs to this version", evidenceId + " is attached to " + version.ref())
                : Finding.fail("evidence belongs to this version", evidenceId + " is attached to " + evidence.model() + "/"
                        + evidence.version() + ", not " + version.ref() + "; attach evidence to this version first"));
        pre.add(evidence.revoked()
                ? Finding.fail("evidence not revoked", evidenceId + " was revoked (" + evidence.revocation().reason() + ")")
                : Finding.pass("evidence not revoked", evidenceId + " is valid"));
        if (kinds != null) {
            pre.add(kinds.contains(evidence.kind())
                    ? Finding.pass("evidence kind supports the tag", evidence.kind() + " supports " + tag)
                    : Finding.fail("evidence kind supports the tag", evidence.kind() + " does not support " + tag
                            + "; it needs " + String.join(" or ", kinds.stream().map(EvidenceKind::value).toList()) + " evidence"));
        }
        String step = previous.isPresent() ? "Re-back compliance tag " + tag + " of " + version.ref() + " with " + evidenceId
                + " (was " + previous.get().evidence() + ")." : "Set compliance tag " + tag + " on " + version.ref()
                + ", backed by " + evidence.kind() + " evidence " + evidenceId + ".";
        return new Plan("tag set", List.of(step, "Approvals of this version become stale (the review digest changes).",
                "Record a tag.set audit entry linking the evidence."), pre);
    }

    @Override
    dev.regent.core.policy.EffectivePolicy policyUsed() {
        return effective;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.putComplianceTag(new ComplianceTag(model, number, tag, evidenceId, actor, now));
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.COMPLIANCE_TAG_SET, AuditTarget.version(model, number),
                AuditOutcome.APPLIED, "", previous.map(p -> StateMaps.single("tag." + tag, p.evidence().value())).orElse(null),
                StateMaps.single("tag." + tag, evidenceId.value())).withEvidence(List.of(evidenceId.value()));
        return new Applied(List.of(new Change("compliance tag", version.ref().toString(), tag + " backed by " + evidenceId)), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<ComplianceTag> read = tx.complianceTags(model, number).stream().filter(t -> t.tag().equals(tag)).findFirst();
        return List.of(Expect.equal("tag " + tag + " evidence", evidenceId, read.map(ComplianceTag::evidence).orElse(null)));
    }

    @Override
    Rollback rollback() {
        return previous.map(p -> Rollback.by("regent tag set " + Shell.quote(model) + " " + number + " " + tag + " --evidence " + p.evidence(), ""))
                .orElse(Rollback.by("regent tag remove " + Shell.quote(model) + " " + number + " " + tag + " --reason " + Shell.quote("undo tag set"), ""));
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.COMPLIANCE_TAG_SET, AuditTarget.version(model, number), "", why)
                .withEvidence(List.of(evidenceId.value()));
    }

    @Override
    String appliedSummary() {
        return "Compliance tag " + tag + " is set on " + version.ref() + ", backed by " + evidenceId + ".";
    }

    @Override
    String plannedSummary() {
        return "compliance tag " + tag + " would be set on " + model + "/" + number + ".";
    }
}
