/**
 * A small query model for searching models and versions (MLflow's search language maps onto it): predicates on name,
 * version number, run id, source and tags; the order; and a window (offset and size) of the results. The store
 * answers it in SQL through {@link dev.regent.core.store.RegistrySearch}.
 */
package dev.regent.core.search;
