package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowError;
import dev.regent.server.Endpoints;
import dev.regent.server.Reply;
import java.util.List;
import java.util.function.Function;

/**
 * MLflow's model-registry REST API (2.0) as a second face of the same Registry: each route reads MLflow's
 * parameters, delegates, and answers with MLflow's messages; errors go through {@link MlflowErrors}. Registered
 * under every prefix given (the route table lists them all with their privileges).
 */
public final class MlflowRoutes {
    private MlflowRoutes() {
    }

    /** Registers every MLflow route under each prefix (e.g. "/api/2.0/mlflow/"). */
    public static void register(Endpoints e, List<String> prefixes) {
        for (String p : prefixes) {
            e.post(p + "registered-models/create", on(RegisteredModelRoutes::create));
            e.post(p + "registered-models/rename", on(RegisteredModelRoutes::rename));
            e.patch(p + "registered-models/update", on(RegisteredModelRoutes::update));
            e.delete(p + "registered-models/delete", on(RegisteredModelRoutes::delete));
            e.get(p + "registered-models/get", on(RegisteredModelRoutes::get));
            e.get(p + "registered-models/search", on(SearchRoutes::models));
            e.post(p + "registered-models/get-latest-versions", on(RegisteredModelRoutes::latestVersions));
            e.get(p + "registered-models/get-latest-versions", on(RegisteredModelRoutes::latestVersions));
            e.post(p + "registered-models/set-tag", on(RegisteredModelRoutes::setTag));
            e.delete(p + "registered-models/delete-tag", on(RegisteredModelRoutes::deleteTag));
            e.post(p + "registered-models/alias", on(AliasRoutes::set));
            e.delete(p + "registered-models/alias", on(AliasRoutes::delete));
            e.get(p + "registered-models/alias", on(AliasRoutes::get));
            e.post(p + "model-versions/create", on(ModelVersionRoutes::create));
            e.patch(p + "model-versions/update", on(ModelVersionRoutes::update));
            e.post(p + "model-versions/transition-stage", on(ModelVersionRoutes::transition));
            e.delete(p + "model-versions/delete", on(ModelVersionRoutes::delete));
            e.get(p + "model-versions/get", on(ModelVersionRoutes::get));
            e.get(p + "model-versions/search", on(SearchRoutes::versions));
            e.get(p + "model-versions/get-download-uri", on(ModelVersionRoutes::downloadUri));
            e.post(p + "model-versions/set-tag", on(ModelVersionRoutes::setTag));
            e.delete(p + "model-versions/delete-tag", on(ModelVersionRoutes::deleteTag));
        }
    }

    private static Endpoints.Endpoint on(Function<MlflowCall, Reply> route) {
        return call -> route.apply(new MlflowCall(call));
    }

    /** Whether a path lies under the MLflow API (unknown endpoints there answer in MLflow's error shape). */
    public static boolean serves(String path) {
        return path.startsWith("/api/2.0/mlflow/") || path.startsWith("/ajax-api/2.0/mlflow/");
    }

    /** MLflow's answer for an endpoint it does not have. */
    public static MlflowError noSuchEndpoint(String method, String path) {
        return new MlflowError("ENDPOINT_NOT_FOUND", "No API endpoint found for " + method + " " + path
                + "; Regent serves MLflow's model-registry API only (see docs/mlflow.md)");
    }
}
