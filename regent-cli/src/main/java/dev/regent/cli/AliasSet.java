package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent alias set MODEL ALIAS VERSION --reason R} */
@Command(name = "set", description = "Point an alias at a version (creates or moves it).")
final class AliasSet extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ALIAS")
    String rawAlias;

    @Parameters(index = "2", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private ModelName model;
    private AliasName alias;
    private VersionNumber number;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawAlias = inputs.require("ALIAS", rawAlias);
        rawVersion = inputs.require("VERSION", rawVersion);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        alias = AliasName.of(rawAlias);
        number = VersionNumber.parse(rawVersion);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().setAlias(model, alias, number, reason, dryRun()));
    }
}
