package dev.regent.cli;

import dev.regent.cli.input.KeyValues;
import dev.regent.cli.input.MissingInputs;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.Annotations;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent model update NAME [--description D] [--tag K=V]... [--untag K]...} */
@Command(name = "update", description = "Change a model's description and tags.")
final class ModelUpdate extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String rawName;

    @Option(names = "--description", paramLabel = "D")
    String rawDescription;

    @Option(names = "--tag", paramLabel = "K=V")
    List<String> rawTags;

    @Option(names = "--untag", paramLabel = "K")
    List<String> untags;

    private ModelName name;
    private Annotations change;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
    }

    @Override
    void validate() {
        name = ModelName.of(rawName);
        change = new Annotations(rawDescription == null ? null : Description.of(rawDescription),
                KeyValues.parse(rawTags, "--tag"), untags == null ? null : new HashSet<>(untags));
    }

    @Override
    int run(Session session) {
        return report(session.registry().updateModel(name, change, dryRun()));
    }
}
