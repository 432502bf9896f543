package dev.regent.store.registry;

import static dev.regent.store.registry.GovernanceContractTestSupport.card;
import static dev.regent.store.registry.GovernanceContractTestSupport.evalReport;
import static dev.regent.store.registry.GovernanceContractTestSupport.file;
import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static dev.regent.store.registry.TestRegistries.CAROL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policies;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyCanonicalForm;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.StoreFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 on a real store: the policy is registry state (revisions, one way to change it, recorded in every gate
 * decision, shared by every registry on the database); aliases are gated like Production unless declared; only
 * people's approvals count by default. Each hole the issue names is reproduced here first.
 */
abstract class PolicyStateTest extends StoreFixture {
    static final VersionNumber V1 = VersionNumber.of(1);
    static final Reason WHY = Reason.of("test");
    static final AliasName CHAMPION = AliasName.of("champion");
    static final Policy NO_GATES = PolicyParser.parse("version: 1\n# a policy with no gates at all\n", "no-gates.yaml");
    Registry registry;

    @BeforeEach
    void builtInPolicyInEffect() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    SourceRules.noLocalFiles(), Policies.builtIn());
        }
        TestRegistries.use(registry, Policies.builtIn());
    }

    ModelName bareVersion(String prefix) {
        ModelName m = uniqueModel(prefix);
        registry.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        assertThat(registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m),
                Digest.sha256Of(m.value().getBytes()), null, null, null, null, null), false).outcome()).isEqualTo(Outcome.APPLIED);
        return m;
    }

    void documentAndEvaluate(ModelName m) {
        assertThat(registry.setCard(BOB, m, V1, card("Misses novel fraud patterns."), false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.addEvidence(BOB, file(m, 1, "eval-report", evalReport(0.93, true)), false).outcome())
                .isEqualTo(Outcome.APPLIED);
    }

    AuditEntry lastAudit(ModelName m) {
        List<AuditEntry> entries = registry.governance().audit(ALICE, new AuditQuery(m, 0, 1000));
        return entries.get(entries.size() - 1);
    }

    // ---- hole 1: aliases go around the gates ----

    @Test
    void underTheBuiltInPolicyAnAliasOnABareVersionIsRefusedWithEveryFailingGate() {
        ModelName m = bareVersion("alias-bare");
        OperationReport refused = registry.setAlias(BOB, m, CHAMPION, V1, WHY, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.refusalCode()).contains(ErrorCode.GATE_FAILED);
        List<String> failing = refused.plan().preconditions().stream().filter(f -> !f.passed()).map(Finding::check).toList();
        assertThat(failing).anyMatch(c -> c.startsWith("gate eval_report")).anyMatch(c -> c.startsWith("gate model_card"))
                .anyMatch(c -> c.startsWith("gate approvals"));
        assertThat(refused.plan().preconditions()).anyMatch(f -> f.check().equals("policy in effect")
                && f.detail().contains("'champion' is not declared"));
        assertThat(registry.overview(BOB, m).aliases()).doesNotContainKey(CHAMPION);
        AuditEntry entry = lastAudit(m);
        assertThat(entry.action()).isEqualTo(AuditAction.ALIAS_SET);
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.REFUSED);
        assertThat(entry.after()).containsKeys("policy_revision", "policy_digest");
        // the gates command tells the same story
        assertThat(registry.governance().gates(BOB, m, V1, GateTarget.of(CHAMPION))).anyMatch(f -> !f.passed());
    }

    @Test
    void anAliasMovesOnceItsGatesPassAndItsApprovalRecordsTheGateSetItWasGivenFor() {
        ModelName m = bareVersion("alias-earned");
        documentAndEvaluate(m);
        // an approval for Production is not one for the alias
        registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(registry.setAlias(BOB, m, CHAMPION, V1, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);
        OperationReport approval = registry.decide(CAROL, m, V1, GateTarget.of(CHAMPION), Decision.APPROVE, "", false);
        assertThat(approval.outcome()).isEqualTo(Outcome.APPLIED);
        ApprovalView forAlias = registry.governance().approvals(ALICE, m, V1).stream()
                .filter(v -> v.approval().target().equals("alias:champion")).findFirst().orElseThrow();
        assertThat(forAlias.approval().gateSet()).contains("policy revision").contains("default.stages.Production")
                .contains("'champion' is not declared");
        assertThat(lastAudit(m).after()).containsKey("gate_set").containsKey("policy_revision");
        OperationReport moved = registry.setAlias(BOB, m, CHAMPION, V1, WHY, false);
        assertThat(moved.outcome()).as(moved.summary()).isEqualTo(Outcome.APPLIED);
        assertThat(lastAudit(m).after()).containsEntry("version", "1").containsKey("policy_revision");
    }

    @Test
    void aPolicyCanDeclareAnAliasUngatedExplicitly() {
        registry.policies().apply(ALICE, PolicyParser.parse(Policies.BUILT_IN_YAML + "  aliases:\n    \"shadow-*\": []\n",
                "shadow.yaml"), WHY, false);
        ModelName m = bareVersion("alias-shadow");
        assertThat(registry.setAlias(BOB, m, AliasName.of("shadow-eu"), V1, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.setAlias(BOB, m, CHAMPION, V1, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);
    }

    // ---- hole 5: service accounts' approvals count by default ----

    @Test
    void aServiceAccountsApprovalDoesNotCountUnderTheBuiltInPolicy() {
        ModelName m = bareVersion("svc-approval");
        documentAndEvaluate(m);
        Principal ci = Principal.of("ci-bot-" + m.value());
        registry.access().addPrincipal(ALICE, ci, PrincipalKind.SERVICE, Grant.global(Role.APPROVER), false);
        assertThat(registry.decide(ci, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false).outcome())
                .isEqualTo(Outcome.APPLIED);
        OperationReport refused = registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.plan().preconditions()).anyMatch(f -> f.check().startsWith("gate approvals") && !f.passed()
                && f.detail().contains("a service principal"));
        registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    // ---- hole 3: the policy belongs to whoever starts the process ----

    @Test
    void aRegistryOpenedWithAnotherPolicyDoesNotChangeThePolicyInEffect() {
        int before = registry.policies().inEffect().revision().number();
        Registry other = new Registry(store(), Clock.systemUTC(), new java.util.Random(3), SourceRules.noLocalFiles(), NO_GATES,
                new dev.regent.store.blob.FileBlobStore(tempDir()), true);
        assertThat(other.policies().inEffect().revision().number()).isEqualTo(before);
        ModelName m = bareVersion("own-policy");
        assertThat(other.promote(ALICE, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);
        assertThatThrownBy(() -> other.policies().requireInEffect(NO_GATES, "--policy"))
                .isInstanceOf(RegentException.class).hasMessageContaining("regent policy apply")
                .hasMessageContaining("not the registry's policy in effect");
        // the same policy written differently is the same policy
        other.policies().requireInEffect(PolicyParser.parse("# reformatted\n" + Policies.BUILT_IN_YAML, "copy.yaml"), "--policy");
    }

    @Test
    void applyingAPolicyIsAdminOnlyPlannedWithItsImpactAuditedAndSeenByEveryRegistryOnTheStore() {
        ModelName m = bareVersion("apply");
        documentAndEvaluate(m);
        Registry node2 = TestRegistries.open(store(), Clock.systemUTC(), SourceRules.noLocalFiles(), Policies.builtIn());
        int before = registry.policies().inEffect().revision().number();
        assertThatThrownBy(() -> registry.policies().apply(BOB, NO_GATES, WHY, false))
                .isInstanceOf(RegentException.class).extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        OperationReport dry = registry.policies().apply(ALICE, NO_GATES, WHY, true);
        assertThat(dry.outcome()).isEqualTo(Outcome.PLANNED);
        assertThat(dry.plan().steps()).anyMatch(s -> s.contains("- default.stages.Production: approvals{count=1"))
                .anyMatch(s -> s.contains(m + "/1 for Production: fails -> passes"));
        assertThat(registry.policies().history(ALICE)).hasSize(before);
        OperationReport applied = registry.policies().apply(ALICE, NO_GATES, Reason.of("freeze lifted"), false);
        assertThat(applied.outcome()).as(applied.summary()).isEqualTo(Outcome.APPLIED);
        assertThat(applied.verification()).allMatch(Finding::passed);
        assertThat(node2.policies().inEffect().revision().number()).isEqualTo(before + 1);
        assertThat(node2.policies().inEffect().revision().appliedBy()).isEqualTo(ALICE);
        AuditEntry entry = registry.governance().audit(ALICE, AuditQuery.all(10_000)).stream()
                .filter(e -> e.action() == AuditAction.POLICY_APPLY).reduce((a, b) -> b).orElseThrow();
        assertThat(entry.reason()).isEqualTo("freeze lifted");
        assertThat(entry.before()).containsEntry("revision", Integer.toString(before)).containsKey("digest");
        assertThat(entry.after()).containsEntry("revision", Integer.toString(before + 1))
                .containsEntry("digest", PolicyCanonicalForm.digest(NO_GATES).value());
        // a gate decision on the other node is taken, and recorded, under the new revision
        OperationReport promoted = node2.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
        assertThat(promoted.outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(promoted.plan().preconditions().get(1).detail()).contains("revision " + (before + 1));
        assertThat(lastAudit(m).after()).containsEntry("policy_revision", Integer.toString(before + 1));
        // the same meaning again changes nothing; an earlier revision can be put back as a new one
        assertThat(registry.policies().apply(ALICE, NO_GATES, WHY, false).changes()).isEmpty();
        assertThat(registry.policies().inEffect().revision().number()).isEqualTo(before + 1);
        assertThat(registry.policies().applyRevision(ALICE, before, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(registry.policies().inEffect().revision().digest())
                .isEqualTo(registry.policies().revision(ALICE, before).revision().digest());
    }

    @Test
    void revisionOneIsRecordedWithItsSourceAndAnUnknownRevisionIsNotFound() {
        var first = registry.policies().revision(ALICE, 1).revision();
        assertThat(first.appliedBy()).isEqualTo(Principal.of("regent"));
        assertThat(first.number()).isEqualTo(1);
        assertThatThrownBy(() -> registry.policies().revision(ALICE, 9999)).isInstanceOf(RegentException.class)
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    private static java.nio.file.Path tempDir() {
        try {
            return java.nio.file.Files.createTempDirectory("regent-blobs");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
