package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent tag remove MODEL VERSION TAG --reason R} */
@Command(name = "remove", description = "Remove a compliance tag from a version.")
final class TagRemove extends OneVersionCommand {
    @Parameters(index = "2", arity = "0..1", paramLabel = "TAG")
    String tag;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private Reason reason;

    @Override
    void prepareOptions(MissingInputs inputs) {
        tag = inputs.require("TAG", tag);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validateOptions() {
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().removeComplianceTag(model, number, tag, reason, dryRun()));
    }
}
