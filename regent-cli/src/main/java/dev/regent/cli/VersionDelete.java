package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regent version delete MODEL VERSION --reason R}: a soft delete, refused for Staging and Production versions. */
@Command(name = "delete", description = "Delete a version (a tombstone), unless it is in Staging or Production.")
final class VersionDelete extends RegistryCommand {
    @Mixin
    ModelVersionArgs target = new ModelVersionArgs();

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName model;
    private VersionNumber number;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        target.require(inputs);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        model = target.model();
        number = target.version();
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().deleteVersion(model, number, reason, dryRun()));
    }
}
