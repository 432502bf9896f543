package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.report.Finding;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code regent gates MODEL VERSION --for TARGET}: evaluates every gate without changing anything. Exits 0 when all
 * pass and 1 when any fails, so scripts can ask "would this promotion go through?".
 */
@Command(name = "gates", description = "Evaluate every gate for a target: pass or fail, why, and the evidence used.")
final class GatesCommand extends RegistryCommand {
    @Mixin
    ModelVersionArgs version = new ModelVersionArgs();

    @Option(names = "--for", paramLabel = "STAGE|ALIAS")
    String rawTarget;

    private ModelName model;
    private VersionNumber number;
    private GateTarget target;

    @Override
    void prepare(MissingInputs inputs) {
        version.require(inputs);
        rawTarget = inputs.require("--for", rawTarget);
    }

    @Override
    void validate() {
        model = version.model();
        number = version.version();
        target = GateTarget.parse(rawTarget);
    }

    @Override
    int run(Session session) {
        List<Finding> results = session.registry().gates(model, number, target);
        boolean allPassed = results.stream().allMatch(Finding::passed);
        if (json()) {
            ArrayNode array = Json.array();
            results.forEach(f -> array.addObject().put("gate", f.check()).put("passed", f.passed()).put("detail", f.detail()));
            Json.print(Json.object().put("model", model.value()).put("version", number.value()).put("target", target.wire())
                    .put("passed", allPassed).set("gates", array), out());
        } else {
            out().println("Gates for " + model + "/" + number + " -> " + target + " (requested by " + session.actor() + ", policy "
                    + session.registry().policySource() + "):");
            if (results.isEmpty()) {
                out().println("  (no gates: the policy sets none for " + target + ")");
            }
            results.forEach(f -> out().println("  " + (f.passed() ? "[pass] " : "[FAIL] ") + f.check() + " - " + f.detail()));
            out().println(allPassed ? "All gates pass." : "Some gates fail: a promotion would be refused.");
            out().flush();
        }
        return allPassed ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
