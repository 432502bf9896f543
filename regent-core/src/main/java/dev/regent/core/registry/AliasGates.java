package dev.regent.core.registry;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.List;

/** The gates for pointing a protected alias at a version; an unprotected alias has none. */
@FunctionalInterface
public interface AliasGates {
    AliasGates NONE = (tx, version, alias, requester) -> List.of();

    /** Evaluates every gate for pointing the alias at the version on behalf of the requester. */
    List<Finding> evaluate(StoreTransaction tx, ModelVersion version, AliasName alias, Principal requester);
}
