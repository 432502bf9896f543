package dev.regent.core.report;

import java.util.List;
import java.util.Objects;

/** What an operation will do and why: the steps in order and the preconditions it checked. */
public record Plan(String operation, List<String> steps, List<Finding> preconditions) {
    public Plan {
        Objects.requireNonNull(operation, "operation");
        steps = List.copyOf(steps);
        preconditions = List.copyOf(preconditions);
    }

    /** Whether every precondition held. */
    public boolean feasible() {
        return preconditions.stream().allMatch(Finding::passed);
    }
}
