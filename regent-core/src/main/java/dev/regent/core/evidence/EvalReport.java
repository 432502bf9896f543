package dev.regent.core.evidence;

import dev.regent.core.model.Metrics;
import java.util.Objects;

/**
 * The parsed content of an eval report, as the registry read it from the stored file (never a client's claim):
 * metrics, the dataset evaluated on, and optionally whether the evaluation passed by its own thresholds.
 */
public record EvalReport(Metrics metrics, String dataset, Boolean passed) {
    public EvalReport {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(dataset, "dataset");
    }
}
