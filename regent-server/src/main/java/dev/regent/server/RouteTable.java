package dev.regent.server;

import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * THE route table: every route template and method the server answers, with the privilege it needs. Data, not
 * annotations, in one place to review. {@link RegentServer} refuses to start when a route registered with Javalin
 * (any HTTP method, HEAD and OPTIONS included) has no entry here, or an entry has no route.
 */
final class RouteTable {
    /** One route: method, template (Javalin's {param} syntax, as in the OpenAPI document) and privilege. */
    record Entry(HandlerType method, String path, Privilege privilege) {
    }

    private static final String M = "/api/v1/models/{model}";
    private static final String V = M + "/versions/{version}";

    /** The native API's routes (the OpenAPI document's scope). */
    static final List<Entry> NATIVE = List.of(
            e(HandlerType.GET, "/health", Privilege.PUBLIC),
            e(HandlerType.GET, "/ready", Privilege.PUBLIC),
            e(HandlerType.GET, "/metrics", Privilege.PUBLIC),
            e(HandlerType.GET, "/api/v1/openapi.json", Privilege.PUBLIC),

            e(HandlerType.GET, "/api/v1/whoami", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/policy", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/policy", Privilege.ADMIN),
            e(HandlerType.GET, "/api/v1/policy/revisions", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/policy/revisions/{revision}", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.DELETE, "/api/v1/tokens/{id}", Privilege.AUTHENTICATED),

            e(HandlerType.GET, "/api/v1/principals", Privilege.ADMIN),
            e(HandlerType.POST, "/api/v1/principals", Privilege.ADMIN),
            e(HandlerType.POST, "/api/v1/principals/{principal}/revoke", Privilege.ADMIN),

            e(HandlerType.GET, "/api/v1/audit", Privilege.VIEWER),
            e(HandlerType.GET, "/api/v1/audit/checkpoint", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/audit/checkpoint", Privilege.ADMIN),
            e(HandlerType.GET, "/api/v1/audit/key", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/audit/proofs/inclusion", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/audit/proofs/consistency", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/audit/checkpoints/{size}", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/audit/checkpoints/{size}/cosignatures", Privilege.VIEWER),

            e(HandlerType.GET, "/api/v1/models", Privilege.VIEWER),
            e(HandlerType.POST, "/api/v1/models", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, M, Privilege.VIEWER),
            e(HandlerType.PATCH, M, Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, M, Privilege.CONTRIBUTOR),
            e(HandlerType.GET, M + "/history", Privilege.VIEWER),
            e(HandlerType.POST, M + "/rollback", Privilege.APPROVER),
            e(HandlerType.POST, M + "/rename", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, M + "/aliases", Privilege.VIEWER),
            e(HandlerType.PUT, M + "/aliases/{alias}", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, M + "/aliases/{alias}", Privilege.CONTRIBUTOR),

            e(HandlerType.GET, M + "/versions", Privilege.VIEWER),
            e(HandlerType.POST, M + "/versions", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, M + "/blobs", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, V, Privilege.VIEWER),
            e(HandlerType.PATCH, V, Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, V, Privilege.CONTRIBUTOR),
            e(HandlerType.POST, V + "/promote", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, V + "/card", Privilege.VIEWER),
            e(HandlerType.PUT, V + "/card", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, V + "/card/revisions", Privilege.VIEWER),
            e(HandlerType.GET, V + "/evidence", Privilege.VIEWER),
            e(HandlerType.POST, V + "/evidence", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, V + "/tags", Privilege.VIEWER),
            e(HandlerType.PUT, V + "/tags/{tag}", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, V + "/tags/{tag}", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, V + "/approvals", Privilege.VIEWER),
            e(HandlerType.POST, V + "/approvals", Privilege.APPROVER),
            e(HandlerType.GET, V + "/gates", Privilege.VIEWER),
            e(HandlerType.POST, V + "/gates/what-if", Privilege.VIEWER),
            e(HandlerType.GET, V + "/artifact", Privilege.VIEWER),

            // webhooks and the event feed: the registry decides per webhook (admins, or the model's admins) and per event
            e(HandlerType.GET, "/api/v1/webhooks", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/webhooks", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/webhooks/{id}", Privilege.AUTHENTICATED),
            e(HandlerType.PATCH, "/api/v1/webhooks/{id}", Privilege.AUTHENTICATED),
            e(HandlerType.DELETE, "/api/v1/webhooks/{id}", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/webhooks/{id}/enable", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/webhooks/{id}/disable", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/webhooks/{id}/test", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/webhooks/{id}/deliveries", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/webhooks/{id}/deliveries/{delivery}/redeliver", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/events", Privilege.AUTHENTICATED),

            e(HandlerType.GET, "/api/v1/evidence/{id}", Privilege.VIEWER),
            e(HandlerType.GET, "/api/v1/evidence/{id}/content", Privilege.VIEWER),
            e(HandlerType.POST, "/api/v1/evidence/{id}/revoke", Privilege.CONTRIBUTOR));

    /** MLflow's registry API, served under each of these prefixes (the second is what MLflow's own UI calls). */
    static final List<String> MLFLOW_PREFIXES = List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/");

    /** The MLflow-compatible routes, relative to a prefix: reads for viewers, changes for contributors. */
    private static final List<Entry> MLFLOW_RELATIVE = List.of(
            e(HandlerType.POST, "registered-models/create", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, "registered-models/rename", Privilege.CONTRIBUTOR),
            e(HandlerType.PATCH, "registered-models/update", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, "registered-models/delete", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, "registered-models/get", Privilege.VIEWER),
            e(HandlerType.GET, "registered-models/search", Privilege.VIEWER),
            e(HandlerType.POST, "registered-models/get-latest-versions", Privilege.VIEWER),
            e(HandlerType.GET, "registered-models/get-latest-versions", Privilege.VIEWER),
            e(HandlerType.POST, "registered-models/set-tag", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, "registered-models/delete-tag", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, "registered-models/alias", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, "registered-models/alias", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, "registered-models/alias", Privilege.VIEWER),
            e(HandlerType.POST, "model-versions/create", Privilege.CONTRIBUTOR),
            e(HandlerType.PATCH, "model-versions/update", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, "model-versions/transition-stage", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, "model-versions/delete", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, "model-versions/get", Privilege.VIEWER),
            e(HandlerType.GET, "model-versions/search", Privilege.VIEWER),
            e(HandlerType.GET, "model-versions/get-download-uri", Privilege.VIEWER),
            e(HandlerType.POST, "model-versions/set-tag", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, "model-versions/delete-tag", Privilege.CONTRIBUTOR));

    /** Every API entry: the native API's, then the MLflow API's under each prefix. */
    static final List<Entry> ENTRIES = java.util.stream.Stream.concat(NATIVE.stream(), MLFLOW_PREFIXES.stream()
            .flatMap(prefix -> MLFLOW_RELATIVE.stream().map(r -> e(r.method(), prefix + r.path(), r.privilege())))).toList();

    private static final String UI_M = "/models/{model}";

    /**
     * The web UI's pages and forms (signed in by session cookie, not bearer token). The privilege is the same coarse
     * check as the API's; a page without a session redirects to the sign-in page instead of answering 401.
     */
    static final List<Entry> UI = List.of(
            e(HandlerType.GET, "/", Privilege.VIEWER),
            e(HandlerType.GET, "/static/{file}", Privilege.PUBLIC),
            e(HandlerType.GET, "/sign-in", Privilege.PUBLIC),
            e(HandlerType.POST, "/sign-in", Privilege.PUBLIC),
            e(HandlerType.POST, "/sign-out", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/audit", Privilege.VIEWER),
            e(HandlerType.GET, "/policy", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/policy/diff", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/policy", Privilege.ADMIN),
            e(HandlerType.GET, "/principals", Privilege.ADMIN),
            e(HandlerType.POST, "/principals", Privilege.ADMIN),
            e(HandlerType.POST, "/principals/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/principals/revoke", Privilege.ADMIN),
            e(HandlerType.POST, "/models", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, "/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/tokens/revoke", Privilege.AUTHENTICATED),
            e(HandlerType.GET, UI_M + "/compare", Privilege.VIEWER),
            e(HandlerType.POST, UI_M + "/edit", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/rename", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/delete", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/edit", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/delete", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/aliases/delete", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/tags/remove", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, UI_M + "/versions/{version}/card/revisions", Privilege.VIEWER),
            e(HandlerType.GET, UI_M, Privilege.VIEWER),
            e(HandlerType.POST, UI_M + "/versions", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/card", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/evidence", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/evidence/revoke", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/versions/{version}/tags", Privilege.CONTRIBUTOR),
            e(HandlerType.POST, UI_M + "/rollback", Privilege.APPROVER),
            e(HandlerType.POST, UI_M + "/aliases", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, UI_M + "/versions/{version}", Privilege.VIEWER),
            // the registry decides per webhook (admins, or the model's admins), as on the API
            e(HandlerType.GET, "/webhooks", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/webhooks/{id}", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks/{id}/deliveries/{delivery}/redeliver", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks/{id}/test", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks/{id}/enable", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks/{id}/disable", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/webhooks/{id}/delete", Privilege.AUTHENTICATED),
            e(HandlerType.POST, UI_M + "/versions/{version}/decision", Privilege.APPROVER),
            e(HandlerType.POST, UI_M + "/versions/{version}/promote", Privilege.CONTRIBUTOR));

    /**
     * The audit log published in the C2SP tlog-tiles layout (not part of the native API's OpenAPI document: its shape
     * is the spec's). Readable by whoever may read the whole audit log; the handlers require a global viewer.
     */
    static final List<Entry> TLOG = List.of(
            e(HandlerType.GET, "/audit/v1/checkpoint", Privilege.VIEWER),
            e(HandlerType.GET, "/audit/v1/tile/<path>", Privilege.VIEWER));

    /** Every route the server answers: the APIs', the UI's and the published log's. */
    static final List<Entry> ALL = java.util.stream.Stream.of(ENTRIES, UI, TLOG).flatMap(List::stream).toList();

    private static final Map<String, Entry> BY_KEY = index();

    private RouteTable() {
    }

    private static Entry e(HandlerType method, String path, Privilege privilege) {
        return new Entry(method, path, privilege);
    }

    private static Map<String, Entry> index() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry entry : ALL) {
            if (map.put(key(entry.method(), entry.path()), entry) != null) {
                throw new IllegalStateException("duplicate route table entry " + entry.method() + " " + entry.path());
            }
        }
        return map;
    }

    private static String key(HandlerType method, String path) {
        return method.name() + " " + path;
    }

    /** The entry for a method and template, if the table has one. */
    static Optional<Entry> find(HandlerType method, String path) {
        // HEAD is GET without the body: the same route, the same privilege, the same handler (Endpoints registers it)
        HandlerType as = method == HandlerType.HEAD ? HandlerType.GET : method;
        return Optional.ofNullable(BY_KEY.get(key(as, path)));
    }
}
