package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.TagSupport;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.CompareView;
import dev.regent.server.ui.view.CompareView.Cell;
import dev.regent.server.ui.view.CompareView.Row;
import dev.regent.server.ui.view.LineDiff;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Versions of one model side by side ({@code /models/NAME/compare?v=1&v=2}, two to {@value #MAX} of them): lineage
 * and digests, metrics, params, evidence and compliance tags, each row marked where the versions differ, and the
 * later versions' cards as line diffs against the first one's. Read-only; the same reads as the version page.
 */
final class ComparePage {
    static final int MAX = 6;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    ComparePage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/models/{model}/compare", this::compare);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void compare(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        ModelName name = ModelName.of(ctx.pathParam("model"));
        List<VersionNumber> numbers = numbers(ctx.queryParams("v"));
        List<ModelVersion> versions = new ArrayList<>();
        List<CardRevision> cards = new ArrayList<>();
        List<List<Evidence>> evidence = new ArrayList<>();
        List<List<TagSupport>> tags = new ArrayList<>();
        for (VersionNumber n : numbers) {
            versions.add(registry().version(actor, name, n));
            cards.add(registry().governance().card(actor, name, n).orElse(null));
            evidence.add(registry().governance().evidenceOf(actor, name, n));
            tags.add(registry().governance().complianceTags(actor, name, n));
        }
        RunLinks runs = endpoints.runLinks();
        List<Row> facts = new ArrayList<>();
        facts.add(row("Stage", versions, v -> Cell.text(v.stage().label())));
        facts.add(row("Artifact digest", versions, v -> v.digest() == null ? Cell.text(null) : new Cell(v.digest().value(), null, true)));
        facts.add(row("Source", versions, v -> new Cell(v.source().toString(), RunLinks.sourceLink(v.source().toString()).orElse(null), true)));
        facts.add(row("Run", versions, v -> new Cell(v.lineage().runId() == null ? "—" : v.lineage().runId(),
                runs.link(v.lineage().runId()).orElse(null), false)));
        facts.add(row("Dataset version", versions, v -> Cell.text(v.lineage().datasetVersion())));
        facts.add(row("Code version", versions, v -> Cell.text(v.lineage().codeVersion())));
        facts.add(row("Created by", versions, v -> Cell.text(v.createdBy().name())));
        facts.add(row("Description", versions, v -> Cell.text(v.description().text())));
        facts.add(row("Tags", versions, v -> Cell.text(v.tags().values().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")))));
        List<Cell> cardCells = new ArrayList<>();
        for (CardRevision c : cards) {
            cardCells.add(c == null ? Cell.text("no card") : new Cell("revision " + c.revision() + " · " + c.digest().shortForm(), null, true));
        }
        facts.add(new Row("Model card", cardCells, cards.stream().map(c -> c == null ? "" : c.digest().value()).distinct().count() > 1));

        List<Row> metrics = keyed(versions, v -> v.metrics().values(), d -> String.valueOf(d));
        List<Row> params = keyed(versions, v -> v.params().values(), s -> s);

        Set<String> kinds = new TreeSet<>();
        evidence.forEach(list -> list.forEach(e -> kinds.add(e.kind().value())));
        List<Row> evidenceRows = new ArrayList<>();
        for (String kind : kinds) {
            List<Cell> cells = new ArrayList<>();
            for (List<Evidence> list : evidence) {
                String digests = list.stream().filter(e -> e.kind().value().equals(kind) && !e.revoked())
                        .map(e -> e.digest().shortForm()).collect(Collectors.joining(", "));
                cells.add(digests.isEmpty() ? Cell.text("none valid") : new Cell(digests, null, true));
            }
            evidenceRows.add(Row.of(kind, cells));
        }
        Set<String> tagNames = new TreeSet<>();
        tags.forEach(list -> list.forEach(t -> tagNames.add(t.tag().tag())));
        List<Row> tagRows = new ArrayList<>();
        for (String tag : tagNames) {
            List<Cell> cells = new ArrayList<>();
            for (List<TagSupport> list : tags) {
                cells.add(Cell.text(list.stream().filter(t -> t.tag().tag().equals(tag)).findFirst()
                        .map(t -> t.supported() ? "✓ backed by evidence" : "✗ " + t.why()).orElse("not set")));
            }
            tagRows.add(Row.of(tag, cells));
        }

        List<CompareView.CardDiff> diffs = new ArrayList<>();
        String first = markdown(cards.get(0));
        for (int i = 1; i < versions.size(); i++) {
            String from = "v" + versions.get(0).number();
            String to = "v" + versions.get(i).number();
            if (cards.get(0) == null && cards.get(i) == null) {
                diffs.add(new CompareView.CardDiff(from, to, List.of(), "neither has a card"));
            } else {
                diffs.add(new CompareView.CardDiff(from, to, LineDiff.between(first, markdown(cards.get(i))), ""));
            }
        }
        templates.render(ctx, 200, "compare", new CompareView(ui.frame(ctx, caller, "Compare " + name, "models"), name, versions,
                facts, metrics, params, evidenceRows, tagRows, diffs));
    }

    private static Row row(String label, List<ModelVersion> versions, Function<ModelVersion, Cell> cell) {
        return Row.of(label, versions.stream().map(cell).toList());
    }

    /** One row per key any version has (metrics, params), "—" where a version lacks it. */
    private static <T> List<Row> keyed(List<ModelVersion> versions, Function<ModelVersion, Map<String, T>> values,
                                       Function<T, String> text) {
        Set<String> keys = new TreeSet<>();
        versions.forEach(v -> keys.addAll(values.apply(v).keySet()));
        List<Row> rows = new ArrayList<>();
        for (String key : keys) {
            rows.add(Row.of(key, versions.stream().map(v -> {
                T value = values.apply(v).get(key);
                return Cell.text(value == null ? null : text.apply(value));
            }).toList()));
        }
        return rows;
    }

    private static String markdown(CardRevision card) {
        return card == null ? "" : ModelCard.fromCanonicalJson(card.canonicalJson()).toMarkdown("");
    }

    /**
     * The versions asked for: {@code v} repeated or comma-separated, two to MAX distinct numbers, oldest first (the
     * versions table lists newest first; cards are diffed from the oldest chosen to each later one).
     */
    static List<VersionNumber> numbers(List<String> raw) {
        Set<VersionNumber> out = new LinkedHashSet<>();
        for (String value : raw) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(VersionNumber.parse(part.trim()));
                }
                if (out.size() > MAX) {
                    throw RegentException.invalid("compare at most " + MAX + " versions at a time");
                }
            }
        }
        if (out.size() < 2) {
            throw RegentException.invalid("choose at least two versions to compare (tick them in the versions table)");
        }
        return out.stream().sorted().toList();
    }
}
