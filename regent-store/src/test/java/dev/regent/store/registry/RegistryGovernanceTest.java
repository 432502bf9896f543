package dev.regent.store.registry;

import static dev.regent.store.registry.GovernanceContractTestSupport.card;
import static dev.regent.store.registry.GovernanceContractTestSupport.evalReport;
import static dev.regent.store.registry.GovernanceContractTestSupport.file;
import static dev.regent.store.registry.GovernanceContractTestSupport.idOf;
import static dev.regent.store.registry.TestRegistries.ALICE;
import static dev.regent.store.registry.TestRegistries.BOB;
import static dev.regent.store.registry.TestRegistries.CAROL;
import static dev.regent.store.registry.TestRegistries.DAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.approval.ApprovalStatus;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceId;
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
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Annotations;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gates, evidence, tags and approvals of a governed registry, on a real store. */
abstract class RegistryGovernanceTest extends StoreFixture {
    static final String POLICY = """
            compliance_tags:
              bias_checked: [bias-report]
              validated: [validation-report, eval-report]
            default:
              stages:
                Staging:
                  - eval_report: {}
                Production:
                  - artifact_digest: {}
                  - eval_report: { require_passed: true, metrics: "metrics.auc >= 0.90" }
                  - model_card: { sections: [intended_use, limitations, risks, contacts] }
                  - approvals: { count: 1, roles: [approver] }
                  - compliance_tags: [bias_checked]
              aliases:
                champion:
                  - approvals: { count: 1 }
            """;
    static final Reason WHY = Reason.of("test");
    Registry registry;

    @BeforeEach
    void createRegistry() {
        if (registry == null) {
            registry = TestRegistries.open(store(), Clock.tick(Clock.system(ZoneOffset.UTC), Duration.ofMillis(1)),
                    SourceRules.noLocalFiles(), PolicyParser.parse(POLICY, "policy.yaml"));
        }
        // a test may have applied another policy to the shared store; every test starts under this class's
        TestRegistries.use(registry, PolicyParser.parse(POLICY, "policy.yaml"));
    }

    /** A model with one version registered by bob (with a digest). */
    ModelName modelWithVersion(String prefix) {
        ModelName m = uniqueModel(prefix);
        registry.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        OperationReport r = registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/" + m),
                Digest.sha256Of(m.value().getBytes()), null, null, null, null, null), false);
        assertThat(r.outcome()).isEqualTo(Outcome.APPLIED);
        return m;
    }

    static final VersionNumber V1 = VersionNumber.of(1);

    EvidenceId attach(ModelName m, String kind, byte[] content) {
        OperationReport r = registry.addEvidence(BOB, file(m, 1, kind, content), false);
        assertThat(r.outcome()).as(r.summary()).isEqualTo(Outcome.APPLIED);
        return idOf(r);
    }

    /** Everything Production needs except the approval. */
    void satisfyAllButApproval(ModelName m) {
        assertThat(registry.setCard(BOB, m, V1, card("Misses novel fraud patterns; mitigated by weekly retraining."), false).outcome())
                .isEqualTo(Outcome.APPLIED);
        attach(m, "eval-report", evalReport(0.93, true));
        EvidenceId bias = attach(m, "bias-report", "{\"gap\": 0.01}".getBytes());
        assertThat(registry.setComplianceTag(BOB, m, V1, "bias_checked", bias, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    Map<String, Finding> gates(ModelName m, Principal requester) {
        Map<String, Finding> byKind = new java.util.LinkedHashMap<>();
        for (Finding f : registry.governance().gates(requester, m, V1, GateTarget.of(Stage.PRODUCTION))) {
            byKind.put(f.check().replaceFirst("^gate (\\w+).*", "$1"), f);
        }
        return byKind;
    }

    @Test
    void aPromotionIsRefusedWithEveryFailingGateAndThenEarned() {
        ModelName m = modelWithVersion("earn");
        OperationReport refused = registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.refusalCode()).contains(ErrorCode.GATE_FAILED);
        assertThat(refused.plan().preconditions()).filteredOn(f -> !f.passed()).extracting(Finding::check)
                .containsExactly("gate eval_report (passed, metrics.auc >= 0.90)",
                        "gate model_card (intended_use, limitations, risks, contacts)", "gate approvals (1 with role approver, by user)",
                        "gate compliance_tags (bias_checked)");
        assertThat(refused.summary()).contains("4 checks failed").contains("the Plan says what would satisfy each");
        assertThat(refused.plan().preconditions()).anySatisfy(f -> assertThat(f.detail())
                .contains("regent evidence add " + m + " 1 --kind eval-report"));
        List<AuditEntry> last = registry.governance().audit(ALICE, new AuditQuery(m, 0, 100));
        assertThat(last.get(last.size() - 1).outcome()).isEqualTo(AuditOutcome.REFUSED);

        satisfyAllButApproval(m);
        assertThat(gates(m, BOB).get("approvals").passed()).isFalse();
        assertThat(registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "looks good", false).outcome())
                .isEqualTo(Outcome.APPLIED);
        assertThat(gates(m, BOB).values()).allMatch(Finding::passed);
        OperationReport promoted = registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
        assertThat(promoted.outcome()).as(promoted.summary()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void eachGateKindFailsForItsOwnReason() {
        ModelName m = modelWithVersion("kinds");
        Map<String, Finding> g = gates(m, BOB);
        assertThat(g.get("artifact_digest").passed()).isTrue();
        assertThat(g.get("eval_report").detail()).contains("no eval report is attached");
        assertThat(g.get("model_card").detail()).contains("no model card");
        assertThat(g.get("approvals").detail()).contains("0 of 1");
        assertThat(g.get("compliance_tags").detail()).contains("bias_checked is not set");

        registry.setCard(BOB, m, V1, card("<!-- to do -->"), false);
        assertThat(gates(m, BOB).get("model_card").detail()).contains("lacks non-empty section(s): risks");

        attach(m, "eval-report", evalReport(0.85, true));
        assertThat(gates(m, BOB).get("eval_report").detail()).contains("does not hold");
        attach(m, "eval-report", evalReport(0.95, false));
        assertThat(gates(m, BOB).get("eval_report").detail()).contains("does not say \"passed\": true");
        attach(m, "eval-report", evalReport(0.95, true));
        assertThat(gates(m, BOB).get("eval_report").passed()).isTrue();
    }

    @Test
    void aVersionWithoutDigestCannotReachProduction() {
        ModelName m = uniqueModel("nodigest");
        registry.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/x"), null, null, null, null, null, null), false);
        assertThat(gates(m, BOB).get("artifact_digest").detail()).contains("register the artifact as a new version");
    }

    @Test
    void anEvidenceGateAndAnEmptyGateListBehaveAsDeclared() {
        Registry custom = TestRegistries.open(store(), Clock.systemUTC(), SourceRules.noLocalFiles(), PolicyParser.parse("""
                default:
                  stages:
                    Staging: [ { evidence: [validation-report] } ]
                    Production: []
                """, "p.yaml"));
        ModelName m = uniqueModel("evgate");
        custom.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        custom.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/e"), null, null, null, null, null, null), false);
        assertThat(custom.promote(BOB, m, V1, Stage.STAGING, WHY, false).summary()).contains("no unrevoked evidence of kind validation-report");
        custom.addEvidence(BOB, file(m, 1, "validation-report", "ok".getBytes()), false);
        assertThat(custom.promote(BOB, m, V1, Stage.STAGING, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        assertThat(custom.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void approvalsGoStaleWhenTheCardEvidenceOrTagsChange() {
        ModelName m = modelWithVersion("stale");
        satisfyAllButApproval(m);
        GateTarget prod = GateTarget.of(Stage.PRODUCTION);
        registry.decide(CAROL, m, V1, prod, Decision.APPROVE, "", false);
        assertThat(gates(m, BOB).get("approvals").passed()).isTrue();

        registry.setCard(BOB, m, V1, card("Drift; mitigated by monitoring."), false);
        assertThat(gates(m, BOB).get("approvals").detail()).contains("carol (stale");
        assertThat(registry.governance().approvals(ALICE, m, V1)).extracting(v -> v.status()).containsExactly(ApprovalStatus.STALE);

        registry.decide(CAROL, m, V1, prod, Decision.APPROVE, "re-reviewed", false);
        assertThat(gates(m, BOB).get("approvals").passed()).isTrue();
        attach(m, "validation-report", "{}".getBytes());
        assertThat(gates(m, BOB).get("approvals").passed()).as("new evidence").isFalse();

        registry.decide(CAROL, m, V1, prod, Decision.APPROVE, "", false);
        EvidenceId eval = registry.governance().evidenceOf(ALICE, m, V1).stream().filter(e -> e.kind().isEvalReport()).findFirst().orElseThrow().id();
        registry.setComplianceTag(BOB, m, V1, "validated", eval, false);
        assertThat(gates(m, BOB).get("approvals").passed()).as("tag change").isFalse();
        assertThat(registry.governance().approvals(ALICE, m, V1)).extracting(v -> v.status())
                .containsExactly(ApprovalStatus.SUPERSEDED, ApprovalStatus.SUPERSEDED, ApprovalStatus.STALE);
    }

    @Test
    void theCreatorCannotApproveAndTheRequesterIsNotCounted() {
        ModelName m = modelWithVersion("self");
        satisfyAllButApproval(m);
        registry.access().addPrincipal(ALICE, BOB, PrincipalKind.USER, Grant.global(Role.APPROVER), false);
        OperationReport self = registry.decide(BOB, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "mine", false);
        assertThat(self.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(self.summary()).contains("cannot review it");
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, 0, 100))).last().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
            assertThat(e.actor()).isEqualTo(BOB);
        });
        registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        // carol approved, so carol cannot also be the one who promotes it on the strength of her own approval
        assertThat(gates(m, CAROL).get("approvals").detail()).contains("carol (the requester of this transition)");
        assertThat(registry.promote(CAROL, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(registry.promote(DAVE, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void aRejectionBlocksUntilWithdrawnOrANewRound() {
        ModelName m = modelWithVersion("reject");
        satisfyAllButApproval(m);
        GateTarget prod = GateTarget.of(Stage.PRODUCTION);
        registry.decide(CAROL, m, V1, prod, Decision.APPROVE, "", false);
        registry.decide(DAVE, m, V1, prod, Decision.REJECT, "latency too high", false);
        assertThat(gates(m, BOB).get("approvals").detail()).contains("rejected by dave (\"latency too high\")");
        registry.decide(DAVE, m, V1, prod, Decision.APPROVE, "fixed", false);
        assertThat(gates(m, BOB).get("approvals").passed()).isTrue();
        assertThatThrownBy(() -> registry.decide(DAVE, m, V1, prod, Decision.REJECT, " ", false))
                .hasMessageContaining("needs a --comment");
    }

    @Test
    void agentsAndContributorsCannotApprove() {
        ModelName m = modelWithVersion("who");
        Principal agent = Principal.of("copilot-" + m);
        registry.access().addPrincipal(ALICE, agent, PrincipalKind.AGENT, Grant.global(Role.APPROVER), false);
        assertThat(registry.decide(agent, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false).summary())
                .contains("is an agent");
        Principal contributor = Principal.of("erin-" + m);
        registry.access().addPrincipal(ALICE, contributor, PrincipalKind.USER, Grant.global(Role.CONTRIBUTOR), false);
        RegentException denied = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.decide(contributor, m, V1, GateTarget.of(Stage.STAGING), Decision.APPROVE, "", false));
        assertThat(denied.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(denied.getMessage()).contains("needs the approver role");
        RegentException unknown = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.promote(Principal.of("mallory"), m, V1, Stage.STAGING, WHY, false));
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, 0, 100))).last().satisfies(e -> {
            assertThat(e.actor().name()).isEqualTo("mallory");
            assertThat(e.outcome()).isEqualTo(AuditOutcome.REFUSED);
        });
    }

    @Test
    void complianceTagsNeedEvidenceOfASupportingKindOfThisVersion() {
        ModelName m = modelWithVersion("tags");
        registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/2"), null, null, null, null, null, null), false);
        EvidenceId eval = attach(m, "eval-report", evalReport(0.9, true));
        EvidenceId bias = attach(m, "bias-report", "{}".getBytes());
        EvidenceId other = idOf(registry.addEvidence(BOB, file(m, 2, "bias-report", "{}".getBytes()), false));

        assertThat(registry.setComplianceTag(BOB, m, V1, "bias_checked", eval, false).summary())
                .contains("eval-report does not support bias_checked");
        assertThat(registry.setComplianceTag(BOB, m, V1, "bias_checked", other, false).summary())
                .contains("is attached to " + m + "/2, not " + m + "/1");
        assertThat(registry.setComplianceTag(BOB, m, V1, "audited", bias, false).summary()).contains("not a compliance tag");
        assertThatThrownBy(() -> registry.setComplianceTag(BOB, m, V1, "bias_checked", EvidenceId.parse("ev-00000000000000000000"), false))
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
        // no evidence, no tag: not even as an ordinary tag
        assertThat(registry.updateVersion(BOB, m, V1, new Annotations(null, Map.of("bias_checked", "yes"), Set.of()), false).summary())
                .contains("bias_checked is a compliance tag and needs evidence");
        assertThat(registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/3"), null, null, null, null, null,
                Tags.of(Map.of("validated", "true"))), false).outcome()).isEqualTo(Outcome.REFUSED);

        registry.revokeEvidence(ALICE, bias, Reason.of("wrong dataset"), false);
        assertThat(registry.setComplianceTag(BOB, m, V1, "bias_checked", bias, false).summary()).contains("was revoked");
        assertThat(registry.governance().complianceTags(ALICE, m, V1)).isEmpty();
    }

    @Test
    void revokingEvidenceFlipsTheGateAndTheTag() {
        ModelName m = modelWithVersion("revoke");
        satisfyAllButApproval(m);
        registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(gates(m, BOB).values()).allMatch(Finding::passed);
        EvidenceId bias = registry.governance().complianceTags(ALICE, m, V1).get(0).tag().evidence();
        OperationReport revoked = registry.revokeEvidence(BOB, bias, Reason.of("bias analysis used the wrong split"), false);
        assertThat(revoked.changes()).extracting(c -> c.detail()).contains("bias_checked now unsupported");
        assertThat(registry.governance().complianceTags(ALICE, m, V1).get(0).supported()).isFalse();
        Map<String, Finding> g = gates(m, BOB);
        assertThat(g.get("compliance_tags").detail()).contains("was revoked");
        assertThat(g.get("approvals").passed()).as("the review digest changed").isFalse();
        assertThat(registry.revokeEvidence(BOB, bias, Reason.of("again"), false).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    void rollbackNeedsAnApproverAndATargetWhoseEvidenceStillStands() {
        ModelName m = modelWithVersion("rb");
        satisfyAllButApproval(m);
        registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
        // version 2, promoted the same way
        registry.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/v2"), Digest.sha256Of("v2".getBytes()), null, null, null,
                null, null), false);
        VersionNumber v2 = VersionNumber.of(2);
        registry.setCard(BOB, m, v2, card("r"), false);
        registry.addEvidence(BOB, file(m, 2, "eval-report", evalReport(0.97, true)), false);
        EvidenceId bias2 = idOf(registry.addEvidence(BOB, file(m, 2, "bias-report", "{}".getBytes()), false));
        registry.setComplianceTag(BOB, m, v2, "bias_checked", bias2, false);
        registry.decide(CAROL, m, v2, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(registry.promote(BOB, m, v2, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);

        Principal erin = Principal.of("erin-" + m);
        registry.access().addPrincipal(ALICE, erin, PrincipalKind.USER, Grant.global(Role.CONTRIBUTOR), false);
        RegentException contributor = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.rollback(erin, m, Stage.PRODUCTION, WHY, null, false));
        assertThat(contributor.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);

        EvidenceId bias1 = registry.governance().complianceTags(ALICE, m, V1).get(0).tag().evidence();
        registry.revokeEvidence(BOB, bias1, Reason.of("flawed"), false);
        OperationReport refused = registry.rollback(CAROL, m, Stage.PRODUCTION, WHY, null, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.summary()).contains("revoked since the promotion: " + bias1);
    }

    @Test
    void aProtectedAliasPassesItsGates() {
        ModelName m = modelWithVersion("alias");
        AliasName champion = AliasName.of("champion");
        assertThat(registry.setAlias(BOB, m, champion, V1, WHY, false).outcome()).isEqualTo(Outcome.REFUSED);
        // an alias the policy does not declare is gated like Production (issue 13: it used to go around every gate)
        OperationReport shadow = registry.setAlias(BOB, m, AliasName.of("shadow"), V1, WHY, false);
        assertThat(shadow.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(shadow.plan().preconditions()).anyMatch(f -> f.detail().contains("'shadow' is not declared"));
        registry.decide(CAROL, m, V1, GateTarget.of(champion), Decision.APPROVE, "", false);
        assertThat(registry.setAlias(BOB, m, champion, V1, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
    }

    @Test
    void cardRevisionsAreKeptAndAudited() {
        ModelName m = modelWithVersion("cards");
        registry.setCard(BOB, m, V1, card("one"), false);
        registry.setCard(BOB, m, V1, card("two"), false);
        OperationReport same = registry.setCard(BOB, m, V1, card("two"), false);
        assertThat(same.changes()).isEmpty();
        assertThat(registry.governance().cardRevisions(ALICE, m, V1)).extracting(r -> r.revision()).containsExactly(1, 2);
        assertThat(registry.governance().audit(ALICE, new AuditQuery(m, 0, 100))).filteredOn(e -> e.action().wireName().equals("card.set"))
                .extracting(e -> e.after().get("card.digest"))
                .containsExactly(card("one").digest().value(), card("two").digest().value());
    }

    @Test
    void evidenceContentIsStoredAndEvalReportsAreValidated() throws Exception {
        ModelName m = modelWithVersion("ev");
        byte[] report = evalReport(0.91, null);
        EvidenceId id = attach(m, "eval-report", report);
        assertThat(registry.governance().evidence(ALICE, id).digest()).isEqualTo(Digest.sha256Of(report));
        assertThat(registry.governance().evidence(ALICE, id).evalReport().metrics().values()).containsEntry("auc", 0.91);
        try (var in = registry.governance().evidenceContent(ALICE, id).orElseThrow()) {
            assertThat(in.readAllBytes()).isEqualTo(report);
        }
        String before = snapshot().text();
        assertThatThrownBy(() -> registry.addEvidence(BOB, file(m, 1, "eval-report", "{\"metrics\": {\"auc\": \"high\"}}".getBytes()), false))
                .extracting(e -> ((RegentException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(snapshot().text()).isEqualTo(before);
    }

    @Test
    void aPromotionRacingACardChangeNeverMixesTheTwo() throws Exception {
        for (int round = 0; round < 6; round++) {
            ModelName m = modelWithVersion("race");
            satisfyAllButApproval(m);
            registry.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch start = new CountDownLatch(1);
            Future<OperationReport> promote = pool.submit(() -> {
                start.await();
                return registry.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
            });
            Future<OperationReport> edit = pool.submit(() -> {
                start.await();
                return registry.setCard(BOB, m, V1, card("changed during review"), false);
            });
            start.countDown();
            OperationReport promotion = promote.get(60, TimeUnit.SECONDS);
            assertThat(edit.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.APPLIED);
            pool.shutdown();
            // the promotion saw either the old card with its current approval, or the new card with a stale one
            List<AuditEntry> entries = registry.governance().audit(ALICE, new AuditQuery(m, 0, 1000));
            long cardSeq = entries.stream().filter(e -> e.action().wireName().equals("card.set")).mapToLong(AuditEntry::seq).max().orElseThrow();
            AuditEntry transition = entries.stream().filter(e -> e.action().wireName().equals("stage.transition")).reduce((a, b) -> b).orElseThrow();
            if (promotion.outcome() == Outcome.APPLIED) {
                assertThat(transition.seq()).as("applied before the card changed").isLessThan(cardSeq);
            } else {
                assertThat(promotion.summary()).contains("stale");
                assertThat(transition.outcome()).isEqualTo(AuditOutcome.REFUSED);
                assertThat(transition.seq()).isGreaterThan(cardSeq);
            }
        }
    }

    @Test
    void modelsOneMayNotReadLookExactlyLikeMissingOnes() {
        ModelName visible = modelWithVersion("visible");
        ModelName hidden = modelWithVersion("hidden");
        Principal frank = Principal.of("frank-" + visible);
        registry.access().addPrincipal(ALICE, frank, PrincipalKind.USER, new Grant(Role.CONTRIBUTOR, visible), false);
        assertThat(registry.models(frank, null, 100)).extracting(m -> m.name()).containsExactly(visible);
        RegentException hiddenRead = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.version(frank, hidden, V1));
        RegentException missingRead = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.version(frank, ModelName.of("no-such-model"), V1));
        assertThat(hiddenRead.code()).isEqualTo(ErrorCode.NOT_FOUND).isEqualTo(missingRead.code());
        assertThat(hiddenRead.getMessage()).isEqualTo(missingRead.getMessage().replace("no-such-model", hidden.value()));
        RegentException hiddenWrite = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.promote(frank, hidden, V1, Stage.STAGING, WHY, false));
        assertThat(hiddenWrite.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(registry.version(frank, visible, V1).number()).isEqualTo(V1);
        RegentException wholeLog = (RegentException) org.assertj.core.api.Assertions.catchThrowable(() ->
                registry.governance().audit(frank, AuditQuery.all(10)));
        assertThat(wholeLog.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
        assertThat(registry.governance().audit(frank, new AuditQuery(visible, 0, 100))).isNotEmpty();
    }

    @Test
    void aPolicyCanKeepServiceAccountsFromApproving() {
        Registry custom = TestRegistries.open(store(), Clock.systemUTC(), SourceRules.noLocalFiles(), PolicyParser.parse("""
                default:
                  stages:
                    Production: [ { approvals: { count: 1, principal_kinds: [user] } } ]
                """, "p.yaml"));
        ModelName m = uniqueModel("svc");
        custom.createModel(BOB, m, Description.EMPTY, Tags.EMPTY, false);
        custom.registerVersion(BOB, new NewVersion(m, SourceUri.of("s3://b/svc"), null, null, null, null, null, null), false);
        Principal robot = Principal.of("release-bot-" + m);
        custom.access().addPrincipal(ALICE, robot, PrincipalKind.SERVICE, Grant.global(Role.APPROVER), false);
        custom.decide(robot, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        OperationReport refused = custom.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false);
        assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(refused.summary()).contains("a service principal; this gate counts user approvals");
        custom.decide(CAROL, m, V1, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "", false);
        assertThat(custom.promote(BOB, m, V1, Stage.PRODUCTION, WHY, false).outcome()).isEqualTo(Outcome.APPLIED);
    }
}
