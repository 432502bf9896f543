package dev.regent.core.registry;

import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.List;

/**
 * The gates a version must pass to enter a stage, evaluated inside the transaction that would write the change.
 * Each gate yields one finding (pass or fail, and why); the registry refuses when any failed.
 */
@FunctionalInterface
public interface TransitionGates {
    /** No gates at all: every transition the lifecycle rules allow goes through. */
    TransitionGates NONE = (tx, version, target, requester) -> List.of();

    /** Evaluates every gate for moving the version to the target stage on behalf of the requester. */
    List<Finding> evaluate(StoreTransaction tx, ModelVersion version, Stage target, Principal requester);
}
