package dev.regent.core.store;

import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.search.SearchQuery;
import java.util.List;
import java.util.Set;

/**
 * Searches of live models and versions, evaluated by the database. {@code within} restricts the results to the
 * models of those names (the caller's readable models), or is null for no restriction. Results follow the query's
 * order with its tie-breaks ({@link SearchQuery#orderWithTieBreaks}); {@code offset} results are skipped and at most
 * {@code limit} returned.
 */
public interface RegistrySearch {

    /** Live models matching every predicate (NAME and TAG, the model's tags). */
    List<Model> searchModels(SearchQuery query, Set<ModelName> within, int offset, int limit);

    /** Live versions of live models matching every predicate (TAG: the version's tags). */
    List<ModelVersion> searchVersions(SearchQuery query, Set<ModelName> within, int offset, int limit);
}
