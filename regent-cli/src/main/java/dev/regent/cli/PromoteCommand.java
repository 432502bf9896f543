package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent promote MODEL VERSION --to STAGE --reason R}: a stage change through the stage's gates. */
@Command(name = "promote", description = "Move a version to a stage (None, Staging, Production, Archived) through its gates.")
final class PromoteCommand extends OneVersionCommand {
    @Option(names = "--to", paramLabel = "STAGE", description = "Target stage: None, Staging, Production or Archived.")
    String rawStage;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private Stage stage;
    private Reason reason;

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawStage = inputs.require("--to", rawStage);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validateOptions() {
        stage = Stage.parse(rawStage);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().promote(model, number, stage, reason, dryRun()));
    }
}
