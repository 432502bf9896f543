package dev.regent.server;

import dev.regent.api.CardRevisionWire;
import dev.regent.api.ListWires;
import dev.regent.core.card.CardFormat;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.util.List;
import java.util.Locale;

/**
 * Model cards: read the current (or an earlier) revision as Markdown, sanitized HTML or canonical JSON, with its
 * digest as ETag; write a new revision from JSON, YAML or Markdown text; list the revisions.
 */
final class CardRoutes {
    static final String ONE = VersionRoutes.ONE + "/card";

    private CardRoutes() {
    }

    static void register(Endpoints e) {
        e.get(ONE, CardRoutes::get);
        e.put(ONE, CardRoutes::put);
        e.get(ONE + "/revisions", CardRoutes::revisions);
    }

    static Reply get(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        String format = call.query("format") == null ? "md" : call.query("format");
        if (!List.of("md", "html", "json").contains(format)) {
            throw RegentException.invalid("unknown format '" + format + "': use md, html or json");
        }
        List<CardRevision> revisions = call.registry().governance().cardRevisions(call.actor(), model, number);
        if (revisions.isEmpty()) {
            throw RegentException.notFound(model + "/" + number + " has no model card yet");
        }
        CardRevision chosen = revisions.get(revisions.size() - 1);
        String rawRevision = call.query("revision");
        if (rawRevision != null) {
            int wanted;
            try {
                wanted = Integer.parseInt(rawRevision);
            } catch (NumberFormatException e) {
                throw RegentException.invalid("revision must be a number, got '" + rawRevision + "'");
            }
            chosen = revisions.stream().filter(r -> r.revision() == wanted).findFirst().orElseThrow(() -> RegentException.notFound(
                    "card revision " + wanted + " of " + model + "/" + number + " not found (it has " + revisions.size() + ")"));
        }
        ModelCard card = ModelCard.fromCanonicalJson(chosen.canonicalJson());
        String title = model + " version " + number;
        Reply reply = switch (format) {
            case "json" -> Reply.text(200, "application/json", card.canonicalJson());
            case "html" -> Reply.text(200, "text/html; charset=utf-8", card.toHtml(title));
            default -> Reply.text(200, "text/markdown; charset=utf-8", card.toMarkdown(title));
        };
        return reply.header("ETag", ETags.of(chosen.digest())).header("X-Regent-Card-Revision", Integer.toString(chosen.revision()));
    }

    static Reply put(Call call) {
        String text = call.bodyText();
        if (text.isBlank()) {
            throw RegentException.invalid("the card is empty: send its JSON, YAML or Markdown text as the body");
        }
        ModelCard card = ModelCard.parse(text, format(call.ctx().contentType(), call.query("format"), text));
        return call.report(call.registry().setCard(call.actor(), call.model(), call.version(), card, call.dryRun()));
    }

    /** The card format: ?format=json|yaml|md, else from the content type, else guessed from the text. */
    private static CardFormat format(String contentType, String query, String text) {
        if (query != null) {
            return switch (query) {
                case "json" -> CardFormat.JSON;
                case "yaml" -> CardFormat.YAML;
                case "md" -> CardFormat.MARKDOWN;
                default -> throw RegentException.invalid("unknown card format '" + query + "': use json, yaml or md");
            };
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return CardFormat.JSON;
        }
        if (type.contains("yaml")) {
            return CardFormat.YAML;
        }
        if (type.startsWith("text/markdown")) {
            return CardFormat.MARKDOWN;
        }
        return CardFormat.detect(null, text);
    }

    static Reply revisions(Call call) {
        ModelName model = call.model();
        VersionNumber number = call.version();
        return Reply.ok(new ListWires.CardRevisions(model.value(), number.value(),
                call.registry().governance().cardRevisions(call.actor(), model, number).stream().map(CardRevisionWire::of).toList()));
    }
}
