package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.cli.output.Json;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.GateSpec;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regent policy show [MODEL]}: the gates in effect per stage and protected alias, for a model or by default. */
@Command(name = "show", description = "Show the policy in effect (for a model, with its override applied).")
final class PolicyShow implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        ModelName model = rawModel == null ? null : ModelName.of(rawModel);
        Path dataDir = root.data != null ? env.workingDir().resolve(root.data)
                : env.variable("REGENT_DATA").map(d -> env.workingDir().resolve(d)).orElse(env.workingDir().resolve("regent-data"));
        Policy policy = PolicyFiles.load(root.policy, env, dataDir);
        ModelName subject = model != null ? model : ModelName.of("default");
        TreeSet<AliasName> aliases = new TreeSet<>(policy.defaults().aliases().keySet());
        if (model != null) {
            policy.overrideFor(model).ifPresent(p -> aliases.addAll(policy.overrides().get(p).aliases().keySet()));
        }
        if (root.json) {
            ObjectNode node = Json.object().put("source", policy.source());
            node.put("model", model == null ? null : model.value());
            modelOverride(node, policy, model);
            ObjectNode tags = node.putObject("compliance_tags");
            policy.complianceTags().forEach((t, kinds) -> {
                ArrayNode a = tags.putArray(t);
                kinds.forEach(k -> a.add(k.value()));
            });
            ObjectNode stages = node.putObject("stages");
            for (Stage s : Stage.values()) {
                ArrayNode a = stages.putArray(s.label());
                gates(policy, model, subject, GateTarget.of(s)).forEach(g -> a.add(g.describe()));
            }
            ObjectNode aliasNode = node.putObject("aliases");
            for (AliasName alias : aliases) {
                ArrayNode a = aliasNode.putArray(alias.value());
                gates(policy, model, subject, GateTarget.of(alias)).forEach(g -> a.add(g.describe()));
            }
            Json.print(node, env.out());
            return ExitCodes.OK;
        }
        PrintWriter out = env.out();
        out.println("Policy: " + policy.source() + (model == null ? " (defaults)" : " for model " + model
                + policy.overrideFor(model).map(p -> " (override '" + p + "')").orElse(" (no override: defaults)")));
        out.println("Compliance tags:");
        if (policy.complianceTags().isEmpty()) {
            out.println("  (none)");
        }
        policy.complianceTags().forEach((t, kinds) -> out.println("  " + t + " <- " + String.join(" or ",
                kinds.stream().map(EvidenceKind::value).toList())));
        for (Stage s : Stage.values()) {
            print(out, s.label(), gates(policy, model, subject, GateTarget.of(s)));
        }
        for (AliasName alias : aliases) {
            print(out, "alias " + alias + " (protected)", gates(policy, model, subject, GateTarget.of(alias)));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static void modelOverride(ObjectNode node, Policy policy, ModelName model) {
        node.put("override", model == null ? null : policy.overrideFor(model).orElse(null));
    }

    private static List<GateSpec> gates(Policy policy, ModelName model, ModelName subject, GateTarget target) {
        return model == null ? policy.defaults().declared(target).orElse(List.of()) : policy.gates(subject, target);
    }

    private static void print(PrintWriter out, String target, List<GateSpec> gates) {
        out.println(target + ":");
        if (gates.isEmpty()) {
            out.println("  (no gates)");
        }
        gates.forEach(g -> out.println("  - " + g.describe()));
    }

}
