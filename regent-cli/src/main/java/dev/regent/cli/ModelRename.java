package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent model rename OLD NEW --reason R}: versions, stages, aliases and per-model grants follow the model. */
@Command(name = "rename", description = "Rename a model (its versions, aliases and per-model grants follow it).")
final class ModelRename extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "OLD")
    String rawFrom;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW")
    String rawTo;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName from;
    private ModelName to;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawFrom = inputs.require("OLD", rawFrom);
        rawTo = inputs.require("NEW", rawTo);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        from = ModelName.of(rawFrom);
        to = ModelName.of(rawTo);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().renameModel(from, to, reason.text(), dryRun()));
    }
}
