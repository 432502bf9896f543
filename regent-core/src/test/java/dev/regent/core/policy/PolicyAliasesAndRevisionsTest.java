package dev.regent.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.PrincipalKind;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's policy rules: an alias the policy does not declare is gated like Production (MLflow deployments load
 * models:/name@champion); declared aliases — by name or glob — have their own gates or none, explicitly; only
 * people's approvals count unless widened; and a policy's canonical digest depends on what it means only.
 */
class PolicyAliasesAndRevisionsTest {
    private static final ModelName CHURN = ModelName.of("churn");

    private static GateTarget alias(String name) {
        return GateTarget.of(AliasName.of(name));
    }

    @Test
    void underTheBuiltInPolicyAnUndeclaredAliasPassesProductionsGates() {
        Policy builtIn = Policies.builtIn();
        GateSet champion = builtIn.gateSet(CHURN, alias("champion"));
        assertThat(champion.gates()).isEqualTo(builtIn.gates(CHURN, GateTarget.of(Stage.PRODUCTION))).isNotEmpty();
        assertThat(champion.gates()).extracting(GateSpec::kind)
                .containsExactly("artifact_digest", "eval_report", "model_card", "approvals");
        assertThat(champion.origin()).contains("default.stages.Production").contains("'champion' is not declared");
        assertThat(builtIn.isDeclared(CHURN, alias("champion"))).isFalse();
    }

    @Test
    void aDeclaredAliasHasItsOwnGatesAGlobMatchesAndAnEmptyListLeavesItUngatedExplicitly() {
        Policy p = PolicyParser.parse("""
                default:
                  stages:
                    Production: [ { artifact_digest: {} }, { approvals: { count: 2 } } ]
                  aliases:
                    champion: [ { approvals: { count: 1 } } ]
                    "shadow-*": []
                    "shadow-eu*": [ { eval_report: {} } ]
                models:
                  "fraud-*":
                    aliases:
                      champion: [ { approvals: { count: 3 } } ]
                """, "p.yaml");
        assertThat(p.gates(CHURN, alias("champion"))).containsExactly(new GateSpec.Approvals(1, Set.of(), Set.of(PrincipalKind.USER)));
        assertThat(p.gateSet(CHURN, alias("champion")).origin()).isEqualTo("default.aliases.champion");
        assertThat(p.gates(CHURN, alias("shadow-us"))).isEmpty();
        assertThat(p.gateSet(CHURN, alias("shadow-us")).origin()).isEqualTo("default.aliases.shadow-*");
        // the longest matching glob wins
        assertThat(p.gates(CHURN, alias("shadow-eu1"))).extracting(GateSpec::kind).containsExactly("eval_report");
        // an override lays its gates over the default declaration of the same alias
        assertThat(p.gates(ModelName.of("fraud-eu"), alias("champion"))).containsExactly(
                new GateSpec.Approvals(3, Set.of(), Set.of(PrincipalKind.USER)));
        assertThat(p.gateSet(ModelName.of("fraud-eu"), alias("champion")).origin())
                .isEqualTo("models.fraud-*.aliases.champion over default.aliases.champion");
        // not declared: Production's gates
        assertThat(p.gates(CHURN, alias("canary"))).extracting(GateSpec::kind).containsExactly("artifact_digest", "approvals");
    }

    @Test
    void aliasGlobsAreValidatedWhenThePolicyLoads() {
        assertThatThrownBy(() -> PolicyParser.parse("default: { aliases: { \"Bad*\": [] } }", "p.yaml"))
                .isInstanceOf(RegentException.class).hasMessageContaining("not an alias name or glob");
        assertThatThrownBy(() -> PolicyParser.parse("default: { aliases: { latest: [] } }", "p.yaml"))
                .isInstanceOf(RegentException.class).hasMessageContaining("reserved");
    }

    @Test
    void onlyPeoplesApprovalsCountUnlessThePolicyWidensItExplicitly() {
        GateSpec byDefault = Policies.builtIn().gates(CHURN, GateTarget.of(Stage.PRODUCTION)).stream()
                .filter(g -> g.kind().equals("approvals")).findFirst().orElseThrow();
        assertThat(((GateSpec.Approvals) byDefault).kinds()).containsExactly(PrincipalKind.USER);
        Policy widened = PolicyParser.parse("default: { stages: { Production: [ { approvals: { principal_kinds: [user, service] } } ] } }",
                "p.yaml");
        assertThat(((GateSpec.Approvals) widened.gates(CHURN, GateTarget.of(Stage.PRODUCTION)).get(0)).kinds())
                .containsExactlyInAnyOrder(PrincipalKind.USER, PrincipalKind.SERVICE);
        assertThatThrownBy(() -> PolicyParser.parse("default: { stages: { Production: [ { approvals: { principal_kinds: [] } } ] } }",
                "p.yaml")).isInstanceOf(RegentException.class).hasMessageContaining("names no kind");
    }

    @Test
    void theCanonicalDigestDependsOnMeaningNotOnFormatting() {
        Policy a = PolicyParser.parse("""
                # comments, quoting and order do not matter
                default:
                  stages:
                    Production:
                      - eval_report: {}
                      - artifact_digest: {}
                """, "a.yaml");
        Policy b = PolicyParser.parse("default: {stages: {\"Production\": [ {artifact_digest: {}}, {eval_report: {}} ]}}\n", "b.yaml");
        Policy c = PolicyParser.parse("default: {stages: {Production: [ {artifact_digest: {}} ]}}\n", "c.yaml");
        assertThat(PolicyCanonicalForm.digest(a)).isEqualTo(PolicyCanonicalForm.digest(b));
        assertThat(PolicyCanonicalForm.digest(a)).isNotEqualTo(PolicyCanonicalForm.digest(c));
        assertThat(PolicyDiff.between(a, b)).isEmpty();
        assertThat(PolicyDiff.between(a, c)).containsExactly(
                "- default.stages.Production: eval_report{require_passed=false,metrics=none}");
        assertThat(a.text()).startsWith("# comments");
    }

    @Test
    void anAbbreviatedStageIsNotTakenForAnAlias() {
        assertThat(GateTarget.parse("production")).isEqualTo(GateTarget.of(Stage.PRODUCTION));
        assertThat(GateTarget.parse("PRODUCTION")).isEqualTo(GateTarget.of(Stage.PRODUCTION));
        assertThatThrownBy(() -> GateTarget.parse("prod")).isInstanceOf(RegentException.class)
                .hasMessageContaining("looks like the stage Production").hasMessageContaining("alias:prod");
        assertThat(GateTarget.parse("alias:prod")).isEqualTo(alias("prod"));
        assertThat(GateTarget.parse("champion")).isEqualTo(alias("champion"));
    }

    @Test
    void aPolicyLongerThanTheLimitIsRefused() {
        String huge = "# " + "x".repeat(PolicyParser.MAX_CHARS) + "\nversion: 1\n";
        assertThatThrownBy(() -> PolicyParser.parse(huge, "big.yaml")).isInstanceOf(RegentException.class)
                .hasMessageContaining("the limit is " + PolicyParser.MAX_CHARS);
        assertThat(List.of(PolicyCanonicalForm.lines(Policies.builtIn()).get(0))).containsExactly("regent-policy/1");
    }
}
