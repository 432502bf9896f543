package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.search.Found;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreTransaction;
import java.util.List;

/**
 * Searches of models and versions (the MLflow search calls and the native listings that filter), scoped to what
 * the actor may read. Part of the {@link Registry}; reached through {@link Registry#search()}.
 */
public final class SearchFacet {
    private final RegistryStore store;

    SearchFacet(RegistryStore store) {
        this.store = store;
    }


    /** The most models one search window may hold (MLflow's limit). */
    public static final int MAX_MODEL_RESULTS = 1000;
    /** The most versions one search window may hold (MLflow's limit). */
    public static final int MAX_VERSION_RESULTS = 200_000;

    /**
     * Live models the actor may read that match the query (name and tag predicates), in the query's order; the
     * window skips {@code offset} results and holds at most {@code limit} (1..{@value #MAX_MODEL_RESULTS}).
     */
    public Found<Model> searchModels(Principal actor, SearchQuery query, int offset, int limit) {
        query.requireModelSearch();
        checkWindow(offset, limit, MAX_MODEL_RESULTS);
        return store.read(tx -> {
            java.util.Set<ModelName> within = readableScope(tx, actor);
            return found(within != null && within.isEmpty() ? List.of() : tx.searchModels(query, within, offset, limit + 1), limit);
        });
    }

    /** Live versions of the models the actor may read that match the query; the window as for searchModels. */
    public Found<ModelVersion> searchVersions(Principal actor, SearchQuery query, int offset, int limit) {
        checkWindow(offset, limit, MAX_VERSION_RESULTS);
        return store.read(tx -> {
            java.util.Set<ModelName> within = readableScope(tx, actor);
            return found(within != null && within.isEmpty() ? List.of() : tx.searchVersions(query, within, offset, limit + 1), limit);
        });
    }

    /** Null (every model) for a global viewer; otherwise the models the actor holds a grant on — as {@link Registry#models}. */
    private static java.util.Set<ModelName> readableScope(StoreTransaction tx, Principal actor) {
        return AccessControl.mayRead(tx, actor, null) ? null : java.util.Set.copyOf(AccessControl.readableModels(tx, actor));
    }

    private static <T> Found<T> found(List<T> oneMore, int limit) {
        return new Found<>(oneMore.subList(0, Math.min(limit, oneMore.size())), oneMore.size() > limit);
    }

    private static void checkWindow(int offset, int limit, int max) {
        if (limit < 1 || limit > max) {
            throw RegentException.invalid("a search returns between 1 and " + max + " results, got " + limit);
        }
        if (offset < 0) {
            throw RegentException.invalid("a search offset must not be negative, got " + offset);
        }
    }
}
