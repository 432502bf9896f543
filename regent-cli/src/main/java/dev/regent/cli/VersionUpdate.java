package dev.regent.cli;

import dev.regent.cli.input.KeyValues;
import dev.regent.cli.input.MissingInputs;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent version update MODEL VERSION [--description D] [--tag K=V]... [--untag K]...}: annotate, never re-register. */
@Command(name = "update", description = "Annotate a version: description and tags (nothing else about a version changes).")
final class VersionUpdate extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    @Option(names = "--description", paramLabel = "D")
    String rawDescription;

    @Option(names = "--tag", paramLabel = "K=V")
    List<String> rawTags;

    @Option(names = "--untag", paramLabel = "K")
    List<String> untags;

    private ModelName model;
    private VersionNumber number;
    private Annotations change;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawVersion = inputs.require("VERSION", rawVersion);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        number = VersionNumber.parse(rawVersion);
        change = new Annotations(rawDescription == null ? null : Description.of(rawDescription),
                KeyValues.parse(rawTags, "--tag"), untags == null ? null : new HashSet<>(untags));
    }

    @Override
    int run(LocalSession session) {
        return report(session.registry().updateVersion(session.actor(), model, number, change, dryRun()));
    }
}
