package dev.regent.cli;

import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent card show MODEL VERSION [--format md|html|json] [--revision N]} */
@Command(name = "show", description = "Show a version's model card as Markdown, HTML (sanitized) or canonical JSON.")
final class CardShow extends OneVersionCommand {
    @Option(names = "--format", paramLabel = "md|html|json", description = "Output format (default md).")
    String format = "md";

    @Option(names = "--revision", paramLabel = "N", description = "An earlier revision (default: the current one).")
    Integer revision;

    @Override
    void validateOptions() {
        if (!List.of("md", "html", "json").contains(format)) {
            throw RegentException.invalid("unknown format '" + format + "': use md, html or json");
        }
    }

    @Override
    int run(Session session) {
        List<CardRevision> revisions = session.registry().cardRevisions(model, number);
        if (revisions.isEmpty()) {
            throw RegentException.notFound(model + "/" + number + " has no model card yet; write one with 'regent card template > card.md' "
                    + "and 'regent card set " + dev.regent.core.report.Shell.quote(model) + " " + number + " --file card.md'");
        }
        CardRevision chosen = revision == null ? revisions.get(revisions.size() - 1) : revisions.stream()
                .filter(r -> r.revision() == revision).findFirst()
                .orElseThrow(() -> RegentException.notFound("card revision " + revision + " of " + model + "/" + number
                        + " not found (it has " + revisions.size() + ")"));
        ModelCard card = ModelCard.fromCanonicalJson(chosen.canonicalJson());
        String title = model + " version " + number;
        switch (format) {
            case "json" -> out().println(card.canonicalJson());
            case "html" -> out().println(card.toHtml(title));
            default -> {
                out().println(card.toMarkdown(title));
                out().println("<!-- card revision " + chosen.revision() + " of " + revisions.size() + ", " + chosen.digest()
                        + ", by " + chosen.author() + " at " + chosen.at() + " -->");
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}
