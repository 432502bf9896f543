package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowResponses;
import dev.regent.api.mlflow.filter.OrderBy;
import dev.regent.api.mlflow.filter.SearchFilter;
import dev.regent.api.mlflow.filter.SearchGrammar;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.Registry;
import dev.regent.server.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * registered-models/search and model-versions/search: MLflow's filter and order_by over what the caller may read,
 * paged by signed offset tokens bound to the filter and order.
 * TODO: evaluated over the Registry's paged listings (a filter pinning {@code name = '…'} reads one model only);
 * a search port in the store would push the filter into SQL.
 */
final class SearchRoutes {
    static final int MAX_MODEL_RESULTS = 1000;
    static final int DEFAULT_MODEL_RESULTS = 100;
    static final int MAX_VERSION_RESULTS = 200_000;
    static final int DEFAULT_VERSION_RESULTS = 10_000;

    private SearchRoutes() {
    }

    static Reply models(MlflowCall c) {
        int max = maxResults(c, DEFAULT_MODEL_RESULTS, MAX_MODEL_RESULTS);
        SearchFilter filter = SearchGrammar.MODELS.parseFilter(c.params().optional("filter"));
        List<OrderBy> order = SearchGrammar.MODELS.parseOrderBy(c.params().strings("order_by"));
        List<Model> matches = new ArrayList<>();
        for (Model m : candidates(c, filter)) {
            if (filter.matches(subject(m.name().value(), null, null, null, m.tags().values()))) {
                matches.add(m);
            }
        }
        matches.sort(modelOrder(order));
        Page page = page(c, "registered-models/search", matches.size(), max);
        Views views = new Views(c.registry(), c.actor());
        return Reply.ok(new MlflowResponses.Models(matches.subList(page.from, page.to).stream().map(views::model).toList(),
                page.next));
    }

    static Reply versions(MlflowCall c) {
        int max = maxResults(c, DEFAULT_VERSION_RESULTS, MAX_VERSION_RESULTS);
        SearchFilter filter = SearchGrammar.VERSIONS.parseFilter(c.params().optional("filter"));
        List<OrderBy> order = SearchGrammar.VERSIONS.parseOrderBy(c.params().strings("order_by"));
        Views views = new Views(c.registry(), c.actor());
        List<ModelVersion> matches = new ArrayList<>();
        for (Model m : candidates(c, filter)) {
            for (ModelVersion v : views.versions(m.name())) {
                if (filter.matches(subject(v.model().value(), Integer.toString(v.number().value()), v.lineage().runId(),
                        v.source().value(), v.tags().values()))) {
                    matches.add(v);
                }
            }
        }
        matches.sort(versionOrder(order));
        Page page = page(c, "model-versions/search", matches.size(), max);
        List<ModelVersion> slice = matches.subList(page.from, page.to);
        Map<ModelName, Map<dev.regent.core.model.AliasName, dev.regent.core.model.VersionNumber>> aliases = new java.util.HashMap<>();
        return Reply.ok(new MlflowResponses.Versions(slice.stream().map(v -> Views.version(v,
                aliases.computeIfAbsent(v.model(), views::aliases))).toList(), page.next));
    }

    /** The models a filter can match: just the pinned one for {@code name = '…'}, else every readable model. */
    private static List<Model> candidates(MlflowCall c, SearchFilter filter) {
        Optional<String> pinned = filter.equalityOn("name");
        if (pinned.isPresent()) {
            try {
                return List.of(c.registry().model(c.actor(), ModelName.of(pinned.get())));
            } catch (RegentException e) {
                return List.of(); // no such (readable) model, or a name no model can have
            }
        }
        List<Model> all = new ArrayList<>();
        ModelName after = null;
        while (true) {
            List<Model> page = c.registry().models(c.actor(), after, Registry.MAX_PAGE);
            all.addAll(page);
            if (page.size() < Registry.MAX_PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).name();
        }
    }

    private static SearchFilter.Subject subject(String name, String version, String runId, String source,
                                                Map<String, String> tags) {
        return new SearchFilter.Subject() {
            @Override
            public String attribute(String attribute) {
                return switch (attribute) {
                    case "name" -> name;
                    case "version_number" -> version;
                    case "run_id" -> runId;
                    case "source_path" -> source;
                    default -> null;
                };
            }

            @Override
            public String tag(String key) {
                return tags.get(key);
            }
        };
    }

    /** MLflow's model order: the given keys, then name ascending as the tie-break. */
    static Comparator<Model> modelOrder(List<OrderBy> order) {
        Comparator<Model> cmp = (a, b) -> 0;
        boolean byName = false;
        for (OrderBy o : order) {
            Comparator<Model> key = switch (o.key()) {
                case "name" -> Comparator.comparing((Model m) -> m.name().value());
                case "creation_timestamp" -> Comparator.comparing(Model::createdAt);
                default -> Comparator.comparing(Model::updatedAt);
            };
            byName |= o.key().equals("name");
            cmp = cmp.thenComparing(o.ascending() ? key : key.reversed());
        }
        return byName ? cmp : cmp.thenComparing((Model m) -> m.name().value());
    }

    /** MLflow's version order: the given keys, then name ascending and version number descending as tie-breaks. */
    static Comparator<ModelVersion> versionOrder(List<OrderBy> order) {
        Comparator<ModelVersion> cmp = (a, b) -> 0;
        boolean byName = false;
        boolean byNumber = false;
        for (OrderBy o : order) {
            Comparator<ModelVersion> key = switch (o.key()) {
                case "name" -> Comparator.comparing((ModelVersion v) -> v.model().value());
                case "version_number" -> Comparator.comparing(ModelVersion::number);
                case "creation_timestamp" -> Comparator.comparing(ModelVersion::createdAt);
                default -> Comparator.comparing(ModelVersion::updatedAt);
            };
            byName |= o.key().equals("name");
            byNumber |= o.key().equals("version_number");
            cmp = cmp.thenComparing(o.ascending() ? key : key.reversed());
        }
        if (!byName) {
            cmp = cmp.thenComparing((ModelVersion v) -> v.model().value());
        }
        return byNumber ? cmp : cmp.thenComparing(Comparator.comparing(ModelVersion::number).reversed());
    }

    private static int maxResults(MlflowCall c, int absent, int limit) {
        long max = c.params().integer("max_results", absent);
        if (max < 1 || max > limit) {
            throw RegentException.invalid("Invalid value " + max + " for parameter 'max_results' supplied: it must be "
                    + "between 1 and " + limit);
        }
        return (int) max;
    }

    private record Page(int from, int to, String next) {
    }

    /** The slice after the offset in {@code page_token}; the next token only while more results remain. */
    private static Page page(MlflowCall c, String route, int total, int max) {
        Map<String, String> bound = Map.of("filter", String.valueOf(c.params().optional("filter")),
                "order_by", String.join("\n", c.params().strings("order_by")));
        String token = c.params().optional("page_token");
        String cursor = token == null || token.isEmpty() ? null : c.call().pageCursor(token, route, bound);
        int from = cursor == null ? 0 : Math.min(Integer.parseInt(cursor), total);
        int to = Math.min(total, from + max);
        return new Page(from, to, to < total ? c.call().nextPageToken(route, bound, Integer.toString(to)) : null);
    }
}
