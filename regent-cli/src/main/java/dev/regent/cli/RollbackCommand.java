package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent rollback MODEL --stage STAGE --reason R [--to VERSION]}: back to the previous known-good version. */
@Command(name = "rollback", description = "Return a stage to its previous known-good version (or --to an earlier holder).")
final class RollbackCommand extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Option(names = "--stage", paramLabel = "STAGE", description = "Staging or Production.")
    String rawStage;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    @Option(names = "--to", paramLabel = "VERSION", description = "An earlier holder of the stage to return to.")
    String rawTo;

    private ModelName model;
    private Stage stage;
    private Reason reason;
    private VersionNumber to;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawStage = inputs.require("--stage", rawStage);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        stage = Stage.parse(rawStage);
        reason = Reason.of(rawReason);
        to = rawTo == null ? null : VersionNumber.parse(rawTo);
    }

    @Override
    int run(Session session) {
        return report(session.registry().rollback(model, stage, reason, to, dryRun()));
    }
}
