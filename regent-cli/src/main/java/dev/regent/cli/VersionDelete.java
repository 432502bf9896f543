package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent version delete MODEL VERSION --reason R}: a soft delete, refused for Staging and Production versions. */
@Command(name = "delete", description = "Delete a version (a tombstone), unless it is in Staging or Production.")
final class VersionDelete extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName model;
    private VersionNumber number;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawVersion = inputs.require("VERSION", rawVersion);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        number = VersionNumber.parse(rawVersion);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(LocalSession session) {
        return report(session.registry().deleteVersion(session.actor(), model, number, reason, dryRun()));
    }
}
