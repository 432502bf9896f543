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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code regent version update MODEL VERSION [--description D] [--tag K=V]... [--untag K]...}: annotate, never re-register. */
@Command(name = "update", description = "Annotate a version: description and tags (nothing else about a version changes).")
final class VersionUpdate extends RegistryCommand {
    @Mixin
    ModelVersionArgs target = new ModelVersionArgs();

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
        target.require(inputs);
    }

    @Override
    void validate() {
        model = target.model();
        number = target.version();
        change = new Annotations(rawDescription == null ? null : Description.of(rawDescription),
                KeyValues.parse(rawTags, "--tag"), untags == null ? null : new HashSet<>(untags));
    }

    @Override
    int run(Session session) {
        return report(session.registry().updateVersion(model, number, change, dryRun()));
    }
}
