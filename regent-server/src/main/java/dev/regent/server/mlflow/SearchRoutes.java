package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowResponses;
import dev.regent.api.mlflow.filter.Clause;
import dev.regent.api.mlflow.filter.OrderBy;
import dev.regent.api.mlflow.filter.SearchFilter;
import dev.regent.api.mlflow.filter.SearchGrammar;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.SearchFacet;
import dev.regent.core.search.Field;
import dev.regent.core.search.Found;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.search.Sort;
import dev.regent.server.Reply;
import java.util.List;
import java.util.Map;

/**
 * registered-models/search and model-versions/search: MLflow's filter and order_by, translated into the core's
 * search query and evaluated by the database over what the caller may read; paged by signed offset tokens bound to
 * the filter and order.
 */
final class SearchRoutes {
    static final int MAX_MODEL_RESULTS = SearchFacet.MAX_MODEL_RESULTS;
    static final int DEFAULT_MODEL_RESULTS = 100;
    static final int MAX_VERSION_RESULTS = SearchFacet.MAX_VERSION_RESULTS;
    static final int DEFAULT_VERSION_RESULTS = 10_000;

    private SearchRoutes() {
    }

    static Reply models(MlflowCall c) {
        // MLflow answers max_results=0 for models with an empty page and a token for the same offset
        int max = maxResults(c, DEFAULT_MODEL_RESULTS, MAX_MODEL_RESULTS, 0);
        SearchQuery query = query(SearchGrammar.MODELS.parseFilter(c.params().optional("filter")),
                SearchGrammar.MODELS.parseOrderBy(c.params().strings("order_by")));
        String route = "registered-models/search";
        int offset = offset(c, route);
        if (max == 0) {
            return Reply.ok(new MlflowResponses.Models(List.of(), next(c, route, true, offset)));
        }
        Found<Model> found = c.registry().search().searchModels(c.actor(), query, offset, max);
        Views views = new Views(c.registry(), c.actor());
        return Reply.ok(new MlflowResponses.Models(found.items().stream().map(views::model).toList(),
                next(c, route, found.more(), offset + found.items().size())));
    }

    static Reply versions(MlflowCall c) {
        int max = maxResults(c, DEFAULT_VERSION_RESULTS, MAX_VERSION_RESULTS, 1);
        List<OrderBy> order = SearchGrammar.VERSIONS.parseOrderBy(c.params().strings("order_by"));
        // MLflow's order without order_by: last_updated_timestamp DESC, then the ties' name ASC, version DESC —
        // search_model_versions(...)[0] is "the version changed last"
        SearchQuery query = query(SearchGrammar.VERSIONS.parseFilter(c.params().optional("filter")),
                order.isEmpty() ? List.of(new OrderBy("last_updated_timestamp", false)) : order);
        String route = "model-versions/search";
        int offset = offset(c, route);
        Found<ModelVersion> found = c.registry().search().searchVersions(c.actor(), query, offset, max);
        // MLflow's search results carry no aliases (only single-version answers do)
        return Reply.ok(new MlflowResponses.Versions(found.items().stream().map(v -> Views.version(v, Map.of())).toList(),
                next(c, route, found.more(), offset + found.items().size())));
    }

    /** MLflow's parsed filter and order_by as the core's search query (the wire AST mapped to the domain's). */
    static SearchQuery query(SearchFilter filter, List<OrderBy> order) {
        List<Predicate> predicates = filter.clauses().stream().map(SearchRoutes::predicate).toList();
        List<Sort> sorts = order.stream().map(o -> new Sort(switch (o.key()) {
            case "name" -> Sort.Key.NAME;
            case "version_number" -> Sort.Key.VERSION_NUMBER;
            case "creation_timestamp" -> Sort.Key.CREATED_AT;
            case "last_updated_timestamp" -> Sort.Key.UPDATED_AT;
            default -> throw new IllegalStateException("order key " + o.key());
        }, o.ascending())).toList();
        return new SearchQuery(predicates, sorts);
    }

    private static Predicate predicate(Clause c) {
        Match match = switch (c.comparator()) {
            case EQ -> Match.EQ;
            case NE -> Match.NE;
            case LIKE -> Match.LIKE;
            case ILIKE -> Match.ILIKE;
            case IN -> Match.IN;
            case GT -> Match.GT;
            case GE -> Match.GE;
            case LT -> Match.LT;
            case LE -> Match.LE;
        };
        if (c.tag()) {
            return new Predicate(Field.TAG, c.key(), match, c.values());
        }
        Field field = switch (c.key()) {
            case "name" -> Field.NAME;
            case "version_number" -> Field.VERSION_NUMBER;
            case "run_id" -> Field.RUN_ID;
            case "source_path" -> Field.SOURCE;
            default -> throw new IllegalStateException("attribute " + c.key());
        };
        return new Predicate(field, null, match, c.values());
    }

    private static int maxResults(MlflowCall c, int absent, int limit, int least) {
        long max = c.params().integer("max_results", absent);
        if (max < least || max > limit) {
            throw RegentException.invalid("Invalid value " + max + " for parameter 'max_results' supplied: it must be "
                    + "between " + least + " and " + limit);
        }
        return (int) max;
    }

    /** What the page token binds: the filter and order it was issued for. */
    private static Map<String, String> bound(MlflowCall c) {
        return Map.of("filter", String.valueOf(c.params().optional("filter")),
                "order_by", String.join("\n", c.params().strings("order_by")));
    }

    /** The offset in {@code page_token} (0 without one). */
    private static int offset(MlflowCall c, String route) {
        String token = c.params().optional("page_token");
        if (token == null || token.isEmpty()) {
            return 0;
        }
        String cursor = c.call().pageCursor(token, route, bound(c));
        try {
            return Math.max(0, Integer.parseInt(cursor));
        } catch (NumberFormatException e) {
            throw RegentException.invalid("invalid page_token: pass back the next_page_token of the previous page");
        }
    }

    /** The next page's token while more results remain. */
    private static String next(MlflowCall c, String route, boolean more, int nextOffset) {
        return more ? c.call().nextPageToken(route, bound(c), Integer.toString(nextOffset)) : null;
    }
}
