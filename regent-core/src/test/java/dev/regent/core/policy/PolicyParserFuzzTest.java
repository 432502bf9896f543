package dev.regent.core.policy;

import dev.regent.core.input.HostileInput;
import java.util.List;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.RegentException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 17: the policy parser, over hostile YAML (and CEL inside it), yields a policy or INVALID_ARGUMENT, quickly. */
class PolicyParserFuzzTest {
    static final String POLICY = """
            version: 1
            compliance_tags:
              bias_checked: [bias-report]
            default:
              stages:
                Staging:
                  - eval_report: {}
                Production:
                  - artifact_digest: {}
                  - eval_report: { require_passed: true, metrics: "metrics.auc >= 0.90 && metrics.latency_p99_ms < 50" }
                  - model_card: { sections: [intended_use, limitations] }
                  - approvals: { count: 1, roles: [approver] }
                  - compliance_tags: [bias_checked]
              aliases:
                champion:
                  - approvals: { count: 1 }
            models:
              "fraud-*":
                stages:
                  Production:
                    - approvals: { count: 2, roles: [approver] }
            """;

    static {
        // the first parse loads CEL's compiler (about a second); the bound is on parsing, not on class loading
        PolicyParser.parse(POLICY, "warm-up.yaml");
    }

    /** Found by the fuzzing: composing a YAML document 1,042 '[' deep overflowed the stack (a 500 on policy apply). */
    @Example
    void aDeeplyNestedPolicyIsRefusedNotAStackOverflow() {
        assertThatThrownBy(() -> PolicyParser.parse("[".repeat(1041) + "1", "deep.yaml"))
                .isInstanceOf(RegentException.class).hasMessageContaining("nested more than 32");
        assertThatThrownBy(() -> PolicyParser.parse("- ".repeat(2000) + "x", "deep.yaml"))
                .isInstanceOf(RegentException.class).hasMessageContaining("deep.yaml:1: ");
    }

    @Property(tries = 300)
    void policies(@ForAll("policy") String text) {
        HostileInput.valueOrInvalid(text, s -> PolicyParser.parse(s, "fuzz.yaml"));
    }

    @Property(tries = 100)
    void metricExpressions(@ForAll("expression") String expression) {
        String text = POLICY.replace("metrics.auc >= 0.90 && metrics.latency_p99_ms < 50",
                expression.replace("\\", "\\\\").replace("\"", "\\\""));
        HostileInput.valueOrInvalid(text, s -> PolicyParser.parse(s, "fuzz.yaml"));
    }

    @Provide
    Arbitrary<String> policy() {
        return HostileInput.around(List.of(POLICY, "a: &a [*a]\n", "x: !!python/object:os.system {}\n"),
                List.of("[", "{", "- ", "a:\n  ", "  - ", "[{", "&a [", "*a, ", "? ", "!!map {"));
    }

    @Provide
    Arbitrary<String> expression() {
        return HostileInput.around(List.of("metrics.auc >= 0.9", "metrics.a > 1 && (metrics.b < 2 || !(metrics.c == 3))",
                "size(metrics) > 0"), List.of("(", "!", "-", "[", "{", "metrics.a + ", "f("));
    }
}
