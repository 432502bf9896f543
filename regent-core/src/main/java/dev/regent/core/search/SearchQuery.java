package dev.regent.core.search;

import dev.regent.core.error.RegentException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A search of models or versions: predicates that must all hold, and the order of the results. The order always
 * ends with MLflow's tie-breaks — name ascending, then (versions) number descending — for keys not already named,
 * so every page of a search is a stable slice.
 */
public record SearchQuery(List<Predicate> predicates, List<Sort> order) {
    public static final SearchQuery ALL = new SearchQuery(List.of(), List.of());

    public SearchQuery {
        predicates = List.copyOf(predicates);
        order = List.copyOf(order);
        Set<Sort.Key> seen = new HashSet<>();
        for (Sort s : order) {
            if (!seen.add(s.key())) {
                throw RegentException.invalid("the order names " + s.key() + " twice");
            }
        }
    }

    /** Throws INVALID_ARGUMENT when the query names a field or key models do not have (a model search). */
    public void requireModelSearch() {
        for (Predicate p : predicates) {
            if (p.field() != Field.NAME && p.field() != Field.TAG && p.field() != Field.STAGE) {
                throw RegentException.invalid("models cannot be searched by " + p.field() + ": use the name, tags or a stage");
            }
        }
        if (order.stream().anyMatch(s -> s.key() == Sort.Key.VERSION_NUMBER)) {
            throw RegentException.invalid("models cannot be ordered by version number");
        }
    }

    /** The order with the tie-breaks appended: name ascending, then (for versions) number descending. */
    public List<Sort> orderWithTieBreaks(boolean versions) {
        List<Sort> out = new java.util.ArrayList<>(order);
        if (order.stream().noneMatch(s -> s.key() == Sort.Key.NAME)) {
            out.add(new Sort(Sort.Key.NAME, true));
        }
        if (versions && order.stream().noneMatch(s -> s.key() == Sort.Key.VERSION_NUMBER)) {
            out.add(new Sort(Sort.Key.VERSION_NUMBER, false));
        }
        return out;
    }
}
