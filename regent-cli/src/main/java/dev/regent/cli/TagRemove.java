package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent tag remove MODEL VERSION TAG --reason R} */
@Command(name = "remove", description = "Remove a compliance tag from a version.")
final class TagRemove extends RegistryCommand {
    @Mixin
    ModelVersionArgs target = new ModelVersionArgs();

    @Parameters(index = "2", arity = "0..1", paramLabel = "TAG")
    String tag;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName model;
    private VersionNumber number;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        target.require(inputs);
        tag = inputs.require("TAG", tag);
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
        return report(session.registry().removeComplianceTag(model, number, tag, reason, dryRun()));
    }
}
