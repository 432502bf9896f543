package dev.regent.cli;

import dev.regent.cli.input.KeyValues;
import dev.regent.cli.input.MissingInputs;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Tags;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent model create NAME [--description D] [--tag K=V]...} */
@Command(name = "create", description = "Create a model.")
final class ModelCreate extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Model name: a-z, 0-9, '.', '_', '-'.")
    String rawName;

    @Option(names = "--description", paramLabel = "D")
    String rawDescription;

    @Option(names = "--tag", paramLabel = "K=V", description = "A tag; repeat for more.")
    List<String> rawTags;

    private ModelName name;
    private Description description;
    private Tags tags;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
    }

    @Override
    void validate() {
        name = ModelName.of(rawName);
        description = Description.of(rawDescription);
        tags = Tags.of(KeyValues.parse(rawTags, "--tag"));
    }

    @Override
    int run(Session session) {
        return report(session.registry().createModel(name, description, tags, dryRun()));
    }
}
