package dev.regent.cli;

import dev.regent.api.PolicyWire;
import dev.regent.api.RegentJson;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.model.ModelName;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.PolicyRevision;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regent policy show [MODEL] [--revision N] [--yaml]}: the registry's policy in effect (or an earlier revision):
 * its revision, who applied it and why, and the gates per stage and alias — for a model with its override applied,
 * or the defaults. {@code --yaml} prints the revision's text exactly as applied.
 */
@Command(name = "show", description = "Show the registry's policy in effect (or --revision N): revision, gates per target.")
final class PolicyShow extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Option(names = "--revision", paramLabel = "N", description = "An earlier revision (see 'regent policy history').")
    Integer revision;

    @Option(names = "--yaml", description = "Print the revision's YAML text as applied.")
    boolean yaml;

    private ModelName model;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        model = rawModel == null ? null : ModelName.of(rawModel);
        if (revision != null && revision < 1) {
            throw dev.regent.core.error.RegentException.invalid("--revision is a whole number from 1, got " + revision);
        }
    }

    @Override
    int run(Session session) {
        EffectivePolicy effective = revision == null ? session.registry().policy() : session.registry().policyRevision(revision);
        PrintWriter out = out();
        if (yaml) {
            out.print(effective.revision().text());
            out.flush();
            return ExitCodes.OK;
        }
        PolicyWire policy = PolicyWire.of(effective, model);
        if (json()) {
            try {
                Json.print(Json.mapper().readTree(RegentJson.newMapper().writeValueAsString(policy)), out);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return ExitCodes.OK;
        }
        PolicyRevision r = effective.revision();
        out.println("Policy " + r.label() + (revision == null ? " (in effect)" : "") + ", from " + r.source());
        out.println("Applied by " + r.appliedBy() + " at " + r.appliedAt() + (r.reason().isEmpty() ? "" : ": " + r.reason()));
        out.println(model == null ? "Defaults:" : "For model " + model
                + (policy.override() == null ? " (no override: defaults)" : " (override '" + policy.override() + "')") + ":");
        out.println("Compliance tags:");
        if (policy.complianceTags().isEmpty()) {
            out.println("  (none)");
        }
        policy.complianceTags().forEach((t, kinds) -> out.println("  " + t + " <- " + String.join(" or ", kinds)));
        policy.stages().forEach((stage, gates) -> print(out, stage, gates));
        policy.aliases().forEach((alias, gates) -> print(out, "alias " + alias + " (declared)", gates));
        print(out, "every other alias (gated like Production)", policy.undeclaredAliases());
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, String target, List<String> gates) {
        out.println(target + ":");
        if (gates.isEmpty()) {
            out.println("  (no gates)");
        }
        gates.forEach(g -> out.println("  - " + g));
    }
}
