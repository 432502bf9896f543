package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.policy.Policy;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regent policy apply FILE --reason R} (or {@code --revision N} for an earlier revision's policy): makes the
 * policy the registry's policy in effect, as a new revision. Admins only. With --dry-run: the diff of the gates and,
 * for every live version, which gate outcomes would change.
 */
@Command(name = "apply", description = "Put a policy in effect as a new revision (admins; --dry-run shows the diff and impact).")
final class PolicyApplyCommand extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
    Path file;

    @Option(names = "--revision", paramLabel = "N", description = "Apply an earlier revision's policy again (instead of FILE).")
    Integer revision;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private Policy policy;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        if ((file == null) == (revision == null)) {
            throw RegentException.invalid("give a policy FILE or --revision N (an earlier revision, see 'regent policy history'), "
                    + "not both and not neither");
        }
        if (revision != null && revision < 1) {
            throw RegentException.invalid("--revision is a whole number from 1, got " + revision);
        }
        reason = Reason.of(rawReason);
        policy = file == null ? null : PolicyFiles.parse(environment().workingDir().resolve(file));
        // the file is what this command applies, not a policy the process brings: never check it at open
        root().policyIsWhatIf = true;
    }

    @Override
    int run(Session session) {
        return report(policy != null ? session.registry().applyPolicy(policy, reason, dryRun())
                : session.registry().applyPolicyRevision(revision, reason, dryRun()));
    }
}
