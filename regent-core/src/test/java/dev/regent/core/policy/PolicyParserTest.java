package dev.regent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Role;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
    static final String ISSUE_EXAMPLE = """
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
                  - approvals: { count: 2, roles: [approver] }
                  - compliance_tags: [bias_checked]
              aliases:
                champion:
                  - approvals: { count: 1 }
            models:
              "fraud-*":
                stages:
                  Production:
                    - approvals: { count: 3, roles: [approver] }
            """;

    private static GateTarget prod() {
        return GateTarget.of(Stage.PRODUCTION);
    }

    @Test
    void parsesTheDocumentedExample() {
        Policy p = PolicyParser.parse(ISSUE_EXAMPLE, "policy.yaml");
        assertThat(p.complianceTags()).containsEntry("bias_checked", List.of(EvidenceKind.of("bias-report")));
        List<GateSpec> prod = p.gates(ModelName.of("churn"), prod());
        assertThat(prod).extracting(GateSpec::kind)
                .containsExactly("artifact_digest", "eval_report", "model_card", "approvals", "compliance_tags");
        assertThat(prod.get(3)).isEqualTo(new GateSpec.Approvals(2, java.util.Set.of(Role.APPROVER),
                java.util.Set.of(dev.regent.core.access.PrincipalKind.USER)));
        assertThat(p.isDeclared(ModelName.of("churn"), GateTarget.of(AliasName.of("champion")))).isTrue();
        assertThat(p.isDeclared(ModelName.of("churn"), GateTarget.of(AliasName.of("shadow")))).isFalse();
    }

    @Test
    void aModelOverrideReplacesGatesOfTheSameKindAndKeepsTheRest() {
        Policy p = PolicyParser.parse(ISSUE_EXAMPLE, "policy.yaml");
        List<GateSpec> fraud = p.gates(ModelName.of("fraud-eu"), prod());
        assertThat(fraud).extracting(GateSpec::kind)
                .containsExactly("artifact_digest", "eval_report", "model_card", "compliance_tags", "approvals");
        assertThat(fraud).contains(new GateSpec.Approvals(3, java.util.Set.of(Role.APPROVER),
                java.util.Set.of(dev.regent.core.access.PrincipalKind.USER)));
        assertThat(p.overrideFor(ModelName.of("fraud-eu"))).contains("fraud-*");
        assertThat(p.overrideFor(ModelName.of("antifraud"))).isEmpty();
    }

    @Test
    void anExactNameBeatsAGlobAndAnEmptyListRemovesEveryGate() {
        Policy p = PolicyParser.parse("""
                default:
                  stages:
                    Production: [ { artifact_digest: {} }, { eval_report: {} } ]
                models:
                  "fraud-*":
                    stages: { Production: [ { approvals: { count: 2 } } ] }
                  fraud-lab:
                    stages: { Production: [] }
                """, "p.yaml");
        assertThat(p.gates(ModelName.of("fraud-lab"), prod())).isEmpty();
        assertThat(p.gates(ModelName.of("fraud-x"), prod())).hasSize(3);
    }

    @Test
    void patternsMatchNameKeysSoLookAlikesMeetTheSameGates() {
        Policy p = PolicyParser.parse("""
                models:
                  "fraud-*":
                    stages: { Production: [ { approvals: { count: 3 } } ] }
                  "Churn Model v2":
                    stages: { Production: [] }
                """, "p.yaml");
        for (String lookAlike : List.of("Fraud-EU", "FRAUD-eu", "ｆｒａｕｄ-x", "ＦＲＡＵＤ-x")) {
            assertThat(p.overrideFor(ModelName.of(lookAlike))).as(lookAlike).contains("fraud-*");
        }
        assertThat(p.overrideFor(ModelName.of("churn model V2"))).contains("Churn Model v2");
        assertThat(p.overrideFor(ModelName.of("antifraud"))).isEmpty();
    }

    @Test
    void modelPatternsTakeNameCharactersAndRefuseAmbiguity() {
        assertThat(PolicyParser.parse("models:\n  \"Модель *\": {}\n", "p.yaml").overrideFor(ModelName.of("модель 7")))
                .contains("Модель *");
        assertThatThrownBy(() -> PolicyParser.parse("models:\n  \"a/*\": {}\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:2:").hasMessageContaining("is not a model name or glob")
                .hasMessageContaining("'/'");
        assertThatThrownBy(() -> PolicyParser.parse("models:\n  \"fraud-*\": {}\n  \"FRAUD-*\": {}\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:3:").hasMessageContaining("name the same models");
        assertThatThrownBy(() -> PolicyParser.parse("models:\n  \"fraud-\uff0a\": {}\n", "p.yaml"))
                .hasMessageContaining("folds to '*' or '?'");
    }

    @Test
    void celThresholdsEvaluateAgainstMetrics() {
        MetricsExpression e = MetricsExpression.compile("metrics.auc >= 0.90 && metrics.latency_p99_ms < 50");
        assertThat(e.evaluate(Metrics.of(Map.of("auc", 0.93, "latency_p99_ms", 41.0))).passed()).isTrue();
        assertThat(e.evaluate(Metrics.of(Map.of("auc", 0.89, "latency_p99_ms", 41.0))).passed()).isFalse();
        MetricsExpression.Outcome missing = e.evaluate(Metrics.of(Map.of("latency_p99_ms", 41.0)));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.explanation()).contains("could not be evaluated");
    }

    @Test
    void aCelTypeErrorIsCaughtAtLoadWithFileLineAndGate() {
        String policy = """
                default:
                  stages:
                    Production:
                      - eval_report: { metrics: "metrics.auc >= 'high'" }
                """;
        assertThatThrownBy(() -> PolicyParser.parse(policy, "team/policy.yaml"))
                .isInstanceOf(RegentException.class)
                .hasMessageStartingWith("team/policy.yaml:4:")
                .hasMessageContaining("gate 'eval_report' of default Production")
                .hasMessageContaining("invalid CEL expression");
        assertThatThrownBy(() -> MetricsExpression.compile("metrics.auc + 1")).hasMessageContaining("invalid CEL");
        assertThatThrownBy(() -> MetricsExpression.compile("metrics.auc >=")).hasMessageContaining("invalid CEL");
    }

    @Test
    void unknownGateKindsStagesAndOptionsFailWithTheirLine() {
        assertThatThrownBy(() -> PolicyParser.parse("default:\n  stages:\n    Production:\n      - sign_off: {}\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:4:").hasMessageContaining("unknown gate kind 'sign_off'");
        assertThatThrownBy(() -> PolicyParser.parse("default:\n  stages:\n    Prod:\n      - eval_report: {}\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:3:").hasMessageContaining("allowed stages are");
        assertThatThrownBy(() -> PolicyParser.parse("default:\n  stages:\n    Production:\n      - approvals: { cuont: 2 }\n", "p.yaml"))
                .hasMessageStartingWith("p.yaml:4:").hasMessageContaining("unknown option 'cuont'");
        assertThatThrownBy(() -> PolicyParser.parse("default:\n  stages:\n    Production:\n      - compliance_tags: [audited]\n", "p.yaml"))
                .hasMessageContaining("'audited' is not declared under compliance_tags");
        assertThatThrownBy(() -> PolicyParser.parse("defaults: {}\n", "p.yaml")).hasMessageStartingWith("p.yaml:1:")
                .hasMessageContaining("unknown key 'defaults'");
        assertThatThrownBy(() -> PolicyParser.parse("default: [\n", "p.yaml")).hasMessageContaining("invalid YAML");
        assertThatThrownBy(() -> PolicyParser.parse("default:\n  stages:\n    Production:\n      - approvals: { count: 0 }\n", "p.yaml"))
                .hasMessageContaining("count must be a whole number from 1 to 100");
    }

    @Test
    void theBuiltInDefaultIsSecure() {
        Policy p = Policies.builtIn();
        assertThat(p.gates(ModelName.of("any"), GateTarget.of(Stage.STAGING))).extracting(GateSpec::kind).containsExactly("eval_report");
        assertThat(p.gates(ModelName.of("any"), prod())).extracting(GateSpec::kind)
                .containsExactly("artifact_digest", "eval_report", "model_card", "approvals");
        assertThat(p.complianceTags()).containsOnlyKeys("bias_checked", "validated");
        assertThat(p.complianceTags().get("validated")).containsExactly(EvidenceKind.of("validation-report"), EvidenceKind.EVAL_REPORT);
    }

    @Test
    void globsMatchWholeNames() {
        assertThat(Glob.matches("fraud-*", "fraud-eu")).isTrue();
        assertThat(Glob.matches("fraud-*", "fraud")).isFalse();
        assertThat(Glob.matches("*-v?", "churn-v2")).isTrue();
        assertThat(Glob.matches("*", "")).isTrue();
    }
}
