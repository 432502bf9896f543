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

/**
 * The registry as one principal sees it: every operation of {@link Registry}, acting as that principal. The local
 * implementation calls the Registry in-process; the Java client implements the same interface over the REST API, so
 * the CLI (and any tool built on this) behaves identically in local and remote mode. Contracts are those of the
 * Registry methods of the same name.
 */
public interface RegistrySession {

    /** The principal this session acts as. */
    Principal actor();

    /** The policy in effect: "policy revision 3 (sha256:…), from FILE", for people. */
    default String policySource() {
        dev.regent.core.policy.EffectivePolicy p = policy();
        return "policy " + p.revision().label() + ", from " + p.policy().source();
    }

    /** The registry's policy in effect, with its revision. */
    dev.regent.core.policy.EffectivePolicy policy();

    /** A stored policy revision, compiled; NOT_FOUND for a number never applied. */
    dev.regent.core.policy.EffectivePolicy policyRevision(int number);

    /** Every policy revision, oldest first (listings carry no text). */
    List<dev.regent.core.policy.PolicyRevision> policyHistory();

    /** Makes the policy the registry's policy in effect, as a new revision (admins). */
    OperationReport applyPolicy(dev.regent.core.policy.Policy policy, dev.regent.core.lifecycle.Reason reason, boolean dryRun);

    /** Puts an earlier revision's policy in effect again, as a new revision (admins). */
    OperationReport applyPolicyRevision(int revision, dev.regent.core.lifecycle.Reason reason, boolean dryRun);

    /** What-if: the gates of a policy that is not in effect, for the version and target; changes nothing. */
    List<Finding> gatesUnder(dev.regent.core.policy.Policy whatIf, ModelName model, VersionNumber number, GateTarget target);

    OperationReport addPrincipal(Principal subject, PrincipalKind kind, Grant grant, boolean dryRun);

    /** Takes one grant away from a principal; admins only; never the last global admin's. */
    OperationReport revokeGrant(Principal subject, Grant grant, boolean dryRun);

    List<PrincipalRecord> principals();

    TokenIssued issueToken(Principal subject, Duration lifetime, String description, boolean dryRun);

    OperationReport revokeToken(String tokenId, boolean dryRun);

    List<TokenRecord> tokens(Principal of);

    OperationReport createModel(ModelName name, Description description, Tags tags, boolean dryRun);

    OperationReport updateModel(ModelName name, Annotations change, boolean dryRun);

    OperationReport deleteModel(ModelName name, Reason reason, boolean dryRun);

    /** Renames a model; per-model grants move with it (see {@link Registry#renameModel}). {@code reason} may be null. */
    OperationReport renameModel(ModelName from, ModelName to, String reason, boolean dryRun);

    Model model(ModelName name);

    ModelOverview overview(ModelName name);

    /** One page of the models the actor may read, in name order; {@code pageToken} null for the first page. */
    Page<Model> models(String pageToken, int limit);

    OperationReport registerVersion(NewVersion request, boolean dryRun);

    /** Registers a version whose artifact ({@code stored}: a file or a directory's manifest) is in the blob store. */
    OperationReport registerVersion(NewVersion request, dev.regent.core.artifact.ArtifactKind stored, boolean dryRun);

    /**
     * Streams {@code size} bytes into the registry's blob store for a later registration under {@code model}, hashed
     * while streaming, and returns their digest (refused beyond the registry's upload limit).
     */
    dev.regent.core.model.Digest storeBlob(ModelName model, InputStream content, long size);

    /** The version's artifact as the registry stores it, or empty when the registry does not hold it. */
    Optional<dev.regent.core.artifact.StoredArtifact> artifact(ModelName model, VersionNumber number);

    /**
     * The stored bytes of a version's artifact ({@code path} null: the file, or a directory's manifest; else that file
     * of the directory). A remote session checks the digest while streaming: reading past a mismatch throws.
     */
    InputStream artifactContent(ModelName model, VersionNumber number, String path);

    OperationReport updateVersion(ModelName model, VersionNumber number, Annotations change, boolean dryRun);

    OperationReport deleteVersion(ModelName model, VersionNumber number, Reason reason, boolean dryRun);

    ModelVersion version(ModelName model, VersionNumber number);

    /**
     * A version with the names of the aliases pointing at it, sorted ({@code version show}): one request in a remote
     * session, where {@link #version} and {@link #overview} would be two.
     */
    default VersionWithAliases versionWithAliases(ModelName model, VersionNumber number) {
        ModelVersion version = version(model, number);
        java.util.List<dev.regent.core.model.AliasName> aliases = overview(model).aliases().entrySet().stream()
                .filter(e -> e.getValue().equals(number)).map(java.util.Map.Entry::getKey).sorted(
                        java.util.Comparator.comparing(dev.regent.core.model.AliasName::value)).toList();
        return new VersionWithAliases(version, aliases);
    }

    /** One page of a model's live versions in number order; {@code pageToken} null for the first page. */
    Page<ModelVersion> versions(ModelName model, String pageToken, int limit);

    OperationReport promote(ModelName model, VersionNumber number, Stage target, Reason reason, boolean dryRun);

    OperationReport rollback(ModelName model, Stage stage, Reason reason, VersionNumber to, boolean dryRun);

    OperationReport setAlias(ModelName model, AliasName alias, VersionNumber number, Reason reason, boolean dryRun);

    OperationReport deleteAlias(ModelName model, AliasName alias, Reason reason, boolean dryRun);

    List<Transition> history(ModelName model);

    OperationReport setCard(ModelName model, VersionNumber number, ModelCard card, boolean dryRun);

    Optional<CardRevision> card(ModelName model, VersionNumber number);

    List<CardRevision> cardRevisions(ModelName model, VersionNumber number);

    OperationReport addEvidence(NewEvidence request, boolean dryRun);

    Evidence evidence(EvidenceId id);

    List<Evidence> evidenceOf(ModelName model, VersionNumber number);

    Optional<InputStream> evidenceContent(EvidenceId id);

    OperationReport revokeEvidence(EvidenceId id, Reason reason, boolean dryRun);

    OperationReport setComplianceTag(ModelName model, VersionNumber number, String tag, EvidenceId evidence, boolean dryRun);

    OperationReport removeComplianceTag(ModelName model, VersionNumber number, String tag, Reason reason, boolean dryRun);

    List<TagSupport> complianceTags(ModelName model, VersionNumber number);

    OperationReport decide(ModelName model, VersionNumber number, GateTarget target, Decision decision, String comment,
                           boolean dryRun);

    List<ApprovalView> approvals(ModelName model, VersionNumber number);

    List<Finding> gates(ModelName model, VersionNumber number, GateTarget target);

    List<AuditEntry> audit(AuditQuery query);
}
