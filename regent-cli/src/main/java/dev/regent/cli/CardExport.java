package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent card export MODEL VERSION --format hf}: a Hugging Face README.md with YAML front matter. */
@Command(name = "export", description = "Export a model card in another ecosystem's format (hf: Hugging Face README.md).")
final class CardExport extends OneVersionCommand {
    @Option(names = "--format", paramLabel = "hf", description = "Export format: hf.")
    String format;

    @Option(names = "--license", paramLabel = "ID", description = "License identifier for the front matter (default: from the card).")
    String license;

    @Override
    void prepareOptions(MissingInputs inputs) {
        format = inputs.require("--format", format);
    }

    @Override
    void validateOptions() {
        if (!format.equals("hf")) {
            throw RegentException.invalid("unknown export format '" + format + "': use hf");
        }
    }

    @Override
    int run(Session session) {
        ModelVersion version = session.registry().version(model, number);
        CardRevision revision = session.registry().card(model, number).orElseThrow(() -> RegentException.notFound(
                model + "/" + number + " has no model card yet"));
        List<String> tags = new ArrayList<>(version.tags().values().keySet());
        session.registry().complianceTags(model, number).stream().filter(t -> t.supported()).forEach(t -> tags.add(t.tag().tag()));
        out().print(ModelCard.fromCanonicalJson(revision.canonicalJson()).toHuggingFace(model.value(), license, tags));
        out().flush();
        return ExitCodes.OK;
    }
}
