package dev.regent.core.registry;

import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.List;

/**
 * What a rollback target must still satisfy. Rollback skips new approvals (it is the emergency path) but not
 * everything: governance checks that the target passed its gates when promoted and lost no evidence since.
 */
@FunctionalInterface
public interface RollbackGuard {
    RollbackGuard NONE = (tx, target, stage, actor) -> List.of();

    /** Findings about returning the target to the stage on behalf of the actor; any failure refuses the rollback. */
    List<Finding> check(StoreTransaction tx, ModelVersion target, Stage stage, Principal actor);
}
