package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.CardRevisionsView;
import dev.regent.server.ui.view.LineDiff;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.List;

/**
 * A version's card revisions, newest first, and the line diff between two of them ({@code ?from=N&to=M}; by default
 * the one before the latest and the latest), so a reviewer sees what changed since they last read it.
 */
final class CardRevisionsPage {
    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    CardRevisionsPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/models/{model}/versions/{version}/card/revisions", this::revisions);
    }

    private void revisions(Context ctx, PrincipalRecord caller) {
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        List<CardRevision> revisions = endpoints.registry().governance().cardRevisions(caller.principal(), name, number).stream()
                .sorted(Comparator.comparingInt(CardRevision::revision).reversed()).toList();
        CardRevision to = null;
        CardRevision from = null;
        List<LineDiff.Line> diff = List.of();
        if (!revisions.isEmpty()) {
            int latest = revisions.get(0).revision();
            to = pick(revisions, ctx.queryParam("to"), latest, "to");
            from = pick(revisions, ctx.queryParam("from"), Math.max(1, to.revision() - 1), "from");
            diff = LineDiff.between(markdown(from), markdown(to));
        }
        templates.render(ctx, 200, "card-revisions", new CardRevisionsView(ui.frame(ctx, caller, name + " v" + number + " card history",
                "models"), name, number, revisions, from, to, diff));
    }

    private static CardRevision pick(List<CardRevision> revisions, String raw, int fallback, String what) {
        int wanted = fallback;
        if (raw != null && !raw.isBlank()) {
            try {
                wanted = Integer.parseInt(raw.trim());
            } catch (NumberFormatException e) {
                throw RegentException.invalid("'" + what + "' must be a card revision number, got '"
                        + dev.regent.core.text.ReadableText.escapeInline(raw) + "'");
            }
        }
        int w = wanted;
        return revisions.stream().filter(r -> r.revision() == w).findFirst().orElseThrow(() -> RegentException.notFound(
                "this version's card has no revision " + w + "; it has revisions 1 to " + revisions.get(0).revision()));
    }

    private static String markdown(CardRevision card) {
        return ModelCard.fromCanonicalJson(card.canonicalJson()).toMarkdown("");
    }
}
