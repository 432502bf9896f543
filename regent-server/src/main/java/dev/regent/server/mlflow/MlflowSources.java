package dev.regent.server.mlflow;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.SourceUri;

/**
 * MLflow's rule for the source of {@code model-versions/create} ({@code _validate_source} in MLflow 2.9's
 * mlflow/server/handlers.py), with its message: a local path (a bare path or {@code file:}) is accepted only with a
 * run_id. MLflow also checks that the path lies in that run's artifact directory; Regent serves no tracking API, so it
 * cannot look the run up, and it never opens the path either way: the source is recorded as given.
 */
final class MlflowSources {
    private MlflowSources() {
    }

    static SourceUri of(String raw, String runId) {
        SourceUri source = SourceUri.of(raw);
        if (source.isLocalPath() && (runId == null || runId.isEmpty())) {
            throw RegentException.invalid("Invalid model version source: '" + raw + "'. To use a local path as a model "
                    + "version source, the run_id request parameter has to be specified and the local path has to be "
                    + "contained within the artifact directory of the run specified by the run_id.");
        }
        return source;
    }
}
