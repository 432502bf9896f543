package dev.regent.cli;

import dev.regent.api.PolicyWire;
import dev.regent.api.RegentJson;
import dev.regent.cli.output.Json;
import dev.regent.client.RegentClient;
import dev.regent.core.model.ModelName;
import dev.regent.core.policy.Policy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code regent policy show [MODEL]}: the gates in effect per stage and protected alias, for a model or by default —
 * the server's policy in remote mode, the local policy file (or built-in default) otherwise.
 */
@Command(name = "show", description = "Show the policy in effect (for a model, with its override applied).")
final class PolicyShow implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Override
    public Integer call() throws Exception {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        ModelName model = rawModel == null ? null : ModelName.of(rawModel);
        Optional<RemoteConfig> remote = RemoteConfig.resolve(root);
        PolicyWire policy;
        if (remote.isPresent()) {
            policy = RegentClient.connect(remote.get().url(), remote.get().token()).policy(model);
        } else {
            Path dataDir = root.data != null ? env.workingDir().resolve(root.data)
                    : env.variable("REGENT_DATA").map(d -> env.workingDir().resolve(d)).orElse(env.workingDir().resolve("regent-data"));
            Policy local = PolicyFiles.load(root.policy, env, dataDir);
            policy = PolicyWire.of(local, model);
        }
        if (root.json) {
            Json.print(Json.mapper().readTree(RegentJson.newMapper().writeValueAsString(policy)), env.out());
            return ExitCodes.OK;
        }
        PrintWriter out = env.out();
        out.println("Policy: " + policy.source() + (model == null ? " (defaults)" : " for model " + model
                + (policy.override() == null ? " (no override: defaults)" : " (override '" + policy.override() + "')")));
        out.println("Compliance tags:");
        if (policy.complianceTags().isEmpty()) {
            out.println("  (none)");
        }
        policy.complianceTags().forEach((t, kinds) -> out.println("  " + t + " <- " + String.join(" or ", kinds)));
        policy.stages().forEach((stage, gates) -> print(out, stage, gates));
        policy.aliases().forEach((alias, gates) -> print(out, "alias " + alias + " (protected)", gates));
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
