package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.Role;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.blob.BlobStore;
import java.io.InputStream;
import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.policy.GateContext;
import dev.regent.core.policy.GateEvaluator;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.report.Finding;
import java.util.Optional;
import java.util.List;

/**
 * What the governance of a version consists of, read: its cards, evidence, compliance tags, approvals, the gates as
 * they stand, stage history and the audit log. Nothing here changes the registry. Part of the {@link Registry};
 * reached through {@link Registry#governance()}.
 */
public final class GovernanceReads {
    private final RegistryStore store;
    private final BlobStore blobs;
    private final PolicyInEffect policies;

    GovernanceReads(RegistryStore store, BlobStore blobs, PolicyInEffect policies) {
        this.store = store;
        this.blobs = blobs;
        this.policies = policies;
    }

    /** The model's stage history, oldest first. */
    public List<Transition> history(Principal actor, ModelName model) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.requireModel(tx, model);
            return tx.transitions(model);
        });
    }

    /** The version's current card revision, if it has a card. */
    public Optional<CardRevision> card(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.latestCard(model, number);
        });
    }

    /** Every card revision of the version, oldest first. */
    public List<CardRevision> cardRevisions(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.cardRevisions(model, number);
        });
    }

    /** The evidence of that id, or NOT_FOUND. */
    public Evidence evidence(Principal actor, EvidenceId id) {
        return store.read(tx -> {
            Evidence e = tx.findEvidence(id).orElseThrow(() -> RegentException.notFound("evidence " + id + " not found"));
            if (!AccessControl.mayRead(tx, actor, e.model())) {
                throw RegentException.notFound("evidence " + id + " not found");
            }
            return e;
        });
    }

    /** The evidence attached to a version, oldest first (revoked included). */
    public List<Evidence> evidenceOf(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.evidenceOf(model, number);
        });
    }

    /** The stored content of evidence, when it was uploaded rather than referenced. */
    public Optional<java.io.InputStream> evidenceContent(Principal actor, EvidenceId id) {
        Evidence e = evidence(actor, id);
        return e.stored() ? blobs.open(e.digest()) : Optional.empty();
    }

    /** The version's compliance tags with whether each is still supported (its evidence unrevoked and of a supporting kind). */
    public List<TagSupport> complianceTags(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            List<Evidence> evidence = tx.evidenceOf(model, number);
            Policy policy = policies.current(tx).policy();
            return tx.complianceTags(model, number).stream().map(t -> TagSupport.of(t, evidence, policy)).toList();
        });
    }

    /** Every decision on the version, classified as current, stale or superseded. */
    public List<ApprovalView> approvals(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            ModelVersion version = Lookups.version(tx, model, number);
            GateContext ctx = GateContext.load(tx, version, GateTarget.of(Stage.PRODUCTION), version.createdBy());
            return ApprovalView.classify(ctx.approvals(), ctx.reviewDigest());
        });
    }

    /**
     * Evaluates every gate for moving the version to the target on behalf of the requester, under the policy in
     * effect; changes nothing. The first finding names the policy revision and the gate set that applied.
     */
    public List<Finding> gates(Principal requester, ModelName model, VersionNumber number, GateTarget target) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, requester, model);
            return policies.decide(tx, Lookups.version(tx, model, number), target, requester).withPolicy();
        });
    }

    /**
     * What-if: evaluates the gates of a policy that is NOT in effect (e.g. a file about to be applied) as
     * {@link #gates} does; the first finding says so. Changes nothing.
     */
    public List<Finding> gatesUnder(Policy whatIf, Principal requester, ModelName model, VersionNumber number, GateTarget target) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, requester, model);
            ModelVersion version = Lookups.version(tx, model, number);
            List<Finding> findings = new java.util.ArrayList<>();
            findings.add(Finding.pass("policy NOT in effect", "what-if: evaluated under " + whatIf.source() + " ("
                    + dev.regent.core.policy.PolicyCanonicalForm.digest(whatIf).shortForm() + "), not the registry's policy; "
                    + "gates from " + whatIf.gateSet(model, target).origin()));
            findings.addAll(new GateEvaluator(whatIf).evaluate(GateContext.load(tx, version, target, requester)));
            return findings;
        });
    }


    /**
     * Refuses (PERMISSION_DENIED) unless the principal may read the whole audit log, as a global viewer: what the
     * published tiles need, since they hold every entry.
     */
    public void requireWholeAuditLog(Principal actor) {
        store.read(tx -> {
            AccessControl.require(tx, actor, Role.VIEWER, null);
            return null;
        });
    }

    /** Audit entries in sequence order matching the query: one model's for its viewers, the whole log for global viewers. */
    public List<AuditEntry> audit(Principal actor, AuditQuery query) {
        return store.read(tx -> {
            if (query.model() != null) {
                AccessControl.requireRead(tx, actor, query.model());
            } else {
                AccessControl.require(tx, actor, Role.VIEWER, null);
            }
            return tx.auditEntries(query);
        });
    }
}
