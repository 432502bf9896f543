package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Finding;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent gates MODEL VERSION --for TARGET}: evaluates every gate without changing anything. Exits 0 when all
 * pass and 1 when any fails, so scripts can ask "would this promotion go through?".
 */
@Command(name = "gates", description = "Evaluate every gate for a target: pass or fail, why, and the evidence used.")
final class GatesCommand extends OneVersionCommand {
    @Option(names = "--for", paramLabel = "STAGE|ALIAS")
    String rawTarget;

    private GateTarget gateTarget;
    private dev.regent.core.policy.Policy whatIf;

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawTarget = inputs.require("--for", rawTarget);
    }

    @Override
    void validateOptions() {
        gateTarget = GateTarget.parse(rawTarget);
        if (root().policy != null) {
            // --policy here is a what-if: evaluated, never applied, and not checked against the policy in effect
            whatIf = PolicyFiles.parse(environment().workingDir().resolve(root().policy));
            root().policyIsWhatIf = true;
        }
    }

    @Override
    int run(Session session) {
        List<Finding> results = whatIf != null ? session.registry().gatesUnder(whatIf, model, number, gateTarget)
                : session.registry().gates(model, number, gateTarget);
        boolean allPassed = results.stream().allMatch(Finding::passed);
        if (json()) {
            ArrayNode array = Json.array();
            results.forEach(f -> array.addObject().put("gate", f.check()).put("passed", f.passed()).put("detail", f.detail()));
            Json.print(Json.object().put("model", model.value()).put("version", number.value()).put("target", gateTarget.wire())
                    .put("passed", allPassed).set("gates", array), out());
        } else {
            out().println("Gates for " + model + "/" + number + " -> " + gateTarget + " (requested by " + session.actor() + ", "
                    + (whatIf != null ? "WHAT-IF under " + whatIf.source() + ", which is NOT the registry's policy in effect"
                    : session.registry().policySource()) + "):");
            if (results.isEmpty()) {
                out().println("  (no gates: the policy sets none for " + gateTarget + ")");
            }
            results.forEach(f -> out().println("  " + (f.passed() ? "[pass] " : "[FAIL] ") + f.check() + " - " + f.detail()));
            out().println(allPassed ? (whatIf != null ? "All gates would pass under " + whatIf.source() + "." : "All gates pass.")
                    : whatIf != null ? "Some gates would fail under " + whatIf.source() + "."
                    : "Some gates fail: a promotion would be refused.");
            out().flush();
        }
        return allPassed ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
