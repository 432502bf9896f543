package dev.regent.cli;

import dev.regent.cli.input.FileInput;
import dev.regent.cli.input.MissingInputs;
import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent card set MODEL VERSION --file F}: JSON, YAML, or Markdown with optional front matter. */
@Command(name = "set", description = "Write a new revision of a version's model card from a JSON, YAML or Markdown file.")
final class CardSet extends OneVersionCommand {
    @Option(names = "--file", paramLabel = "F", description = "The card: .json, .yaml/.yml, or .md.")
    String rawFile;

    private ModelCard card;

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawFile = inputs.require("--file", rawFile);
    }

    @Override
    void validateOptions() {
        Path file = environment().workingDir().resolve(rawFile);
        String text = FileInput.utf8(file, ModelCard.MAX_BYTES);
        card = ModelCard.parse(text, CardFormat.detect(file.getFileName().toString(), text));
    }

    @Override
    int run(Session session) {
        return report(session.registry().setCard(model, number, card, dryRun()));
    }
}
