package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent model delete NAME --reason R}: a soft delete (tombstone). */
@Command(name = "delete", description = "Delete a model (a tombstone: hidden from reads, kept for audit).")
final class ModelDelete extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String rawName;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName name;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        name = ModelName.of(rawName);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().deleteModel(name, reason, dryRun()));
    }
}
