package dev.regent.cli;

import dev.regent.core.policy.Policy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code regent policy check FILE}: parses and compiles the policy; errors name file, line and gate (exit 2). */
@Command(name = "check", description = "Validate a policy file: gate kinds, stages, CEL expressions, compliance tags.")
final class PolicyCheck implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        Policy policy = PolicyFiles.parse(root.environment().workingDir().resolve(file));
        root.environment().out().println("Policy " + policy.source() + " is valid: " + policy.complianceTags().size()
                + " compliance tag(s), " + policy.overrides().size() + " model override(s), canonical digest "
                + dev.regent.core.policy.PolicyCanonicalForm.digest(policy).shortForm() + ".");
        root.environment().out().println("This checks the file only; it is not the registry's policy until applied: "
                + "regent policy apply " + file + " --reason \"…\" (try --dry-run first).");
        root.environment().out().flush();
        return ExitCodes.OK;
    }
}
