package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent version delete MODEL VERSION --reason R}: a soft delete, refused for Staging and Production versions. */
@Command(name = "delete", description = "Delete a version (a tombstone), unless it is in Staging or Production.")
final class VersionDelete extends OneVersionCommand {
    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private Reason reason;

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validateOptions() {
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().deleteVersion(model, number, reason, dryRun()));
    }
}
