package dev.regent.api.mlflow.filter;

import dev.regent.core.error.RegentException;
import dev.regent.core.input.InputLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one MLflow search accepts: the attributes a filter may name (and which of them are numeric), the list
 * attribute ({@code IN}), and the order_by keys with their aliases. {@link #MODELS} and {@link #VERSIONS} are
 * MLflow's registered-model and model-version searches.
 */
public record SearchGrammar(String what, Set<String> attributes, Set<String> numeric, Set<String> listAttributes,
                            Map<String, String> orderKeys) {
    /** search-registered-models: filter on name and tags; order by name or timestamps. */
    public static final SearchGrammar MODELS = new SearchGrammar("registered models", Set.of("name"), Set.of(), Set.of(),
            Map.of("name", "name", "timestamp", "creation_timestamp", "creation_timestamp", "creation_timestamp",
                    "last_updated_timestamp", "last_updated_timestamp"));
    /** search-model-versions: filter on name, version_number, run_id, source_path and tags. */
    public static final SearchGrammar VERSIONS = new SearchGrammar("model versions",
            Set.of("name", "version_number", "run_id", "source_path"), Set.of("version_number"), Set.of("run_id"),
            Map.of("name", "name", "version_number", "version_number", "timestamp", "creation_timestamp",
                    "creation_timestamp", "creation_timestamp", "last_updated_timestamp", "last_updated_timestamp"));

    public SearchGrammar {
        attributes = Set.copyOf(attributes);
        numeric = Set.copyOf(numeric);
        listAttributes = Set.copyOf(listAttributes);
        orderKeys = Map.copyOf(orderKeys);
    }

    /** Parses a filter string (null or blank: match everything); INVALID_ARGUMENT naming the problem otherwise. */
    public SearchFilter parseFilter(String filter) {
        if (filter != null && filter.length() > InputLimits.FILTER_MAX_LENGTH) {
            throw RegentException.invalid("the filter is " + filter.length() + " characters long; the limit is "
                    + InputLimits.FILTER_MAX_LENGTH);
        }
        return filter == null || filter.isBlank() ? SearchFilter.ALL : new FilterParser(this, filter).parse();
    }

    /** Parses order_by clauses such as {@code "name ASC"}, {@code "version_number DESC"}; the keys are canonical names. */
    public List<OrderBy> parseOrderBy(List<String> orderBy) {
        List<OrderBy> out = new ArrayList<>();
        if (orderBy != null && orderBy.size() > InputLimits.ORDER_BY_MAX_CLAUSES) {
            throw RegentException.invalid("order_by has " + orderBy.size() + " clauses; the limit is "
                    + InputLimits.ORDER_BY_MAX_CLAUSES);
        }
        for (String raw : orderBy == null ? List.<String>of() : orderBy) {
            if (raw != null && raw.length() > InputLimits.ORDER_BY_MAX_LENGTH) {
                throw RegentException.invalid("an order_by clause is longer than " + InputLimits.ORDER_BY_MAX_LENGTH
                        + " characters");
            }
            String[] parts = raw.trim().split("\\s+");
            if (raw.isBlank() || parts.length > 2) {
                throw RegentException.invalid("invalid order_by clause '" + raw + "': write a key, optionally followed by "
                        + "ASC or DESC, e.g. 'name ASC'");
            }
            String key = unquote(parts[0]);
            if (key.startsWith("attribute.") || key.startsWith("attributes.")) {
                key = key.substring(key.indexOf('.') + 1);
            }
            String canonical = orderKeys.get(key);
            if (canonical == null) {
                throw RegentException.invalid("invalid order_by key '" + key + "' for " + what + ": valid keys are "
                        + new TreeSet<>(orderKeys.keySet()));
            }
            boolean ascending = true;
            if (parts.length == 2) {
                String dir = parts[1].toUpperCase(Locale.ROOT);
                if (!dir.equals("ASC") && !dir.equals("DESC")) {
                    throw RegentException.invalid("invalid order_by direction '" + parts[1] + "' in '" + raw
                            + "': use ASC or DESC");
                }
                ascending = dir.equals("ASC");
            }
            String finalKey = canonical;
            if (out.stream().anyMatch(o -> o.key().equals(finalKey))) {
                throw RegentException.invalid("order_by names '" + key + "' twice");
            }
            out.add(new OrderBy(canonical, ascending));
        }
        return out;
    }

    static String unquote(String key) {
        if (key.length() >= 2 && (key.startsWith("`") && key.endsWith("`") || key.startsWith("\"") && key.endsWith("\""))) {
            return key.substring(1, key.length() - 1);
        }
        return key;
    }
}
