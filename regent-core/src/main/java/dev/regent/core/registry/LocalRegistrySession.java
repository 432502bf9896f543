package dev.regent.core.registry;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link RegistrySession} in-process: every call goes straight to the Registry as the given principal. */
record LocalRegistrySession(Registry registry, Principal actor) implements RegistrySession {

    @Override
    public dev.regent.core.policy.EffectivePolicy policy() {
        return registry.policies().inEffect(actor);
    }

    @Override
    public dev.regent.core.policy.EffectivePolicy policyRevision(int number) {
        return registry.policies().revision(actor, number);
    }

    @Override
    public List<dev.regent.core.policy.PolicyRevision> policyHistory() {
        return registry.policies().history(actor);
    }

    @Override
    public OperationReport applyPolicy(dev.regent.core.policy.Policy policy, Reason reason, boolean dryRun) {
        return registry.policies().apply(actor, policy, reason, dryRun);
    }

    @Override
    public OperationReport applyPolicyRevision(int revision, Reason reason, boolean dryRun) {
        return registry.policies().applyRevision(actor, revision, reason, dryRun);
    }

    @Override
    public List<Finding> gatesUnder(dev.regent.core.policy.Policy whatIf, ModelName model, VersionNumber number, GateTarget target) {
        return registry.governance().gatesUnder(whatIf, actor, model, number, target);
    }

    @Override
    public OperationReport addPrincipal(Principal subject, PrincipalKind kind, Grant grant, boolean dryRun) {
        return registry.access().addPrincipal(actor, subject, kind, grant, dryRun);
    }

    @Override
    public OperationReport revokeGrant(Principal subject, Grant grant, boolean dryRun) {
        return registry.access().revokeGrant(actor, subject, grant, dryRun);
    }

    @Override
    public List<PrincipalRecord> principals() {
        return registry.access().principals(actor);
    }

    @Override
    public TokenIssued issueToken(Principal subject, Duration lifetime, String description, boolean dryRun) {
        return registry.access().issueToken(actor, subject, lifetime, description, dryRun);
    }

    @Override
    public OperationReport revokeToken(String tokenId, boolean dryRun) {
        return registry.access().revokeToken(actor, tokenId, dryRun);
    }

    @Override
    public List<TokenRecord> tokens(Principal of) {
        return registry.access().tokens(actor, of);
    }

    @Override
    public OperationReport createModel(ModelName name, Description description, Tags tags, boolean dryRun) {
        return registry.createModel(actor, name, description, tags, dryRun);
    }

    @Override
    public OperationReport updateModel(ModelName name, Annotations change, boolean dryRun) {
        return registry.updateModel(actor, name, change, dryRun);
    }

    @Override
    public OperationReport renameModel(ModelName from, ModelName to, String reason, boolean dryRun) {
        return registry.renameModel(actor, from, to, reason, dryRun);
    }

    @Override
    public OperationReport deleteModel(ModelName name, Reason reason, boolean dryRun) {
        return registry.deleteModel(actor, name, reason, dryRun);
    }

    @Override
    public Model model(ModelName name) {
        return registry.model(actor, name);
    }

    @Override
    public ModelOverview overview(ModelName name) {
        return registry.overview(actor, name);
    }

    @Override
    public Page<Model> models(String pageToken, int limit) {
        // in-process the cursor is simply the last name seen: nothing crosses a trust boundary
        List<Model> page = registry.models(actor, pageToken == null ? null : ModelName.of(pageToken), limit);
        return new Page<>(page, page.size() < limit ? null : page.get(page.size() - 1).name().value());
    }

    @Override
    public OperationReport registerVersion(NewVersion request, boolean dryRun) {
        return registry.registerVersion(actor, request, dryRun);
    }

    @Override
    public OperationReport registerVersion(NewVersion request, dev.regent.core.artifact.ArtifactKind stored, boolean dryRun) {
        return registry.registerVersion(actor, request, stored, dryRun);
    }

    /** In-process the operator is trusted with their own disk: no upload limit beyond the disk's. */
    @Override
    public dev.regent.core.model.Digest storeBlob(ModelName model, java.io.InputStream content, long size) {
        return registry.artifacts().storeBlob(actor, model, content, Long.MAX_VALUE);
    }

    @Override
    public Optional<dev.regent.core.artifact.StoredArtifact> artifact(ModelName model, VersionNumber number) {
        return registry.artifacts().artifact(actor, model, number);
    }

    @Override
    public java.io.InputStream artifactContent(ModelName model, VersionNumber number, String path) {
        return registry.artifacts().artifactContent(actor, model, number, path);
    }

    @Override
    public OperationReport updateVersion(ModelName model, VersionNumber number, Annotations change, boolean dryRun) {
        return registry.updateVersion(actor, model, number, change, dryRun);
    }

    @Override
    public OperationReport deleteVersion(ModelName model, VersionNumber number, Reason reason, boolean dryRun) {
        return registry.deleteVersion(actor, model, number, reason, dryRun);
    }

    @Override
    public ModelVersion version(ModelName model, VersionNumber number) {
        return registry.version(actor, model, number);
    }

    @Override
    public Page<ModelVersion> versions(ModelName model, String pageToken, int limit) {
        int after = pageToken == null ? 0 : VersionNumber.parse(pageToken).value();
        List<ModelVersion> page = registry.versions(actor, model, after, limit);
        return new Page<>(page, page.size() < limit ? null : page.get(page.size() - 1).number().toString());
    }

    @Override
    public OperationReport promote(ModelName model, VersionNumber number, Stage target, Reason reason, boolean dryRun) {
        return registry.promote(actor, model, number, target, reason, dryRun);
    }

    @Override
    public OperationReport rollback(ModelName model, Stage stage, Reason reason, VersionNumber to, boolean dryRun) {
        return registry.rollback(actor, model, stage, reason, to, dryRun);
    }

    @Override
    public OperationReport setAlias(ModelName model, AliasName alias, VersionNumber number, Reason reason, boolean dryRun) {
        return registry.setAlias(actor, model, alias, number, reason, dryRun);
    }

    @Override
    public OperationReport deleteAlias(ModelName model, AliasName alias, Reason reason, boolean dryRun) {
        return registry.deleteAlias(actor, model, alias, reason, dryRun);
    }

    @Override
    public List<Transition> history(ModelName model) {
        return registry.governance().history(actor, model);
    }

    @Override
    public OperationReport setCard(ModelName model, VersionNumber number, ModelCard card, boolean dryRun) {
        return registry.setCard(actor, model, number, card, dryRun);
    }

    @Override
    public Optional<CardRevision> card(ModelName model, VersionNumber number) {
        return registry.governance().card(actor, model, number);
    }

    @Override
    public List<CardRevision> cardRevisions(ModelName model, VersionNumber number) {
        return registry.governance().cardRevisions(actor, model, number);
    }

    @Override
    public OperationReport addEvidence(NewEvidence request, boolean dryRun) {
        return registry.addEvidence(actor, request, dryRun);
    }

    @Override
    public Evidence evidence(EvidenceId id) {
        return registry.governance().evidence(actor, id);
    }

    @Override
    public List<Evidence> evidenceOf(ModelName model, VersionNumber number) {
        return registry.governance().evidenceOf(actor, model, number);
    }

    @Override
    public Optional<InputStream> evidenceContent(EvidenceId id) {
        return registry.governance().evidenceContent(actor, id);
    }

    @Override
    public OperationReport revokeEvidence(EvidenceId id, Reason reason, boolean dryRun) {
        return registry.revokeEvidence(actor, id, reason, dryRun);
    }

    @Override
    public OperationReport setComplianceTag(ModelName model, VersionNumber number, String tag, EvidenceId evidence,
                                            boolean dryRun) {
        return registry.setComplianceTag(actor, model, number, tag, evidence, dryRun);
    }

    @Override
    public OperationReport removeComplianceTag(ModelName model, VersionNumber number, String tag, Reason reason,
                                               boolean dryRun) {
        return registry.removeComplianceTag(actor, model, number, tag, reason, dryRun);
    }

    @Override
    public List<TagSupport> complianceTags(ModelName model, VersionNumber number) {
        return registry.governance().complianceTags(actor, model, number);
    }

    @Override
    public OperationReport decide(ModelName model, VersionNumber number, GateTarget target, Decision decision, String comment,
                                  boolean dryRun) {
        return registry.decide(actor, model, number, target, decision, comment, dryRun);
    }

    @Override
    public List<ApprovalView> approvals(ModelName model, VersionNumber number) {
        return registry.governance().approvals(actor, model, number);
    }

    @Override
    public List<Finding> gates(ModelName model, VersionNumber number, GateTarget target) {
        return registry.governance().gates(actor, model, number, target);
    }

    @Override
    public List<AuditEntry> audit(AuditQuery query) {
        return registry.governance().audit(actor, query);
    }
}
