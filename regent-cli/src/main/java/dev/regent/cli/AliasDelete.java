package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent alias delete MODEL ALIAS --reason R} */
@Command(name = "delete", description = "Remove an alias.")
final class AliasDelete extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ALIAS")
    String rawAlias;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName model;
    private AliasName alias;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawAlias = inputs.require("ALIAS", rawAlias);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        alias = AliasName.of(rawAlias);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().deleteAlias(model, alias, reason, dryRun()));
    }
}
