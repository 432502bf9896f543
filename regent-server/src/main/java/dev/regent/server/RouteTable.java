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

    static final List<Entry> ENTRIES = List.of(
            e(HandlerType.GET, "/health", Privilege.PUBLIC),
            e(HandlerType.GET, "/ready", Privilege.PUBLIC),
            e(HandlerType.GET, "/metrics", Privilege.PUBLIC),
            e(HandlerType.GET, "/api/v1/openapi.json", Privilege.PUBLIC),

            e(HandlerType.GET, "/api/v1/whoami", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/policy", Privilege.AUTHENTICATED),
            e(HandlerType.GET, "/api/v1/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.POST, "/api/v1/tokens", Privilege.AUTHENTICATED),
            e(HandlerType.DELETE, "/api/v1/tokens/{id}", Privilege.AUTHENTICATED),

            e(HandlerType.GET, "/api/v1/principals", Privilege.ADMIN),
            e(HandlerType.POST, "/api/v1/principals", Privilege.ADMIN),

            e(HandlerType.GET, "/api/v1/audit", Privilege.VIEWER),

            e(HandlerType.GET, "/api/v1/models", Privilege.VIEWER),
            e(HandlerType.POST, "/api/v1/models", Privilege.CONTRIBUTOR),
            e(HandlerType.GET, M, Privilege.VIEWER),
            e(HandlerType.PATCH, M, Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, M, Privilege.CONTRIBUTOR),
            e(HandlerType.GET, M + "/history", Privilege.VIEWER),
            e(HandlerType.POST, M + "/rollback", Privilege.APPROVER),
            e(HandlerType.GET, M + "/aliases", Privilege.VIEWER),
            e(HandlerType.PUT, M + "/aliases/{alias}", Privilege.CONTRIBUTOR),
            e(HandlerType.DELETE, M + "/aliases/{alias}", Privilege.CONTRIBUTOR),

            e(HandlerType.GET, M + "/versions", Privilege.VIEWER),
            e(HandlerType.POST, M + "/versions", Privilege.CONTRIBUTOR),
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

            e(HandlerType.GET, "/api/v1/evidence/{id}", Privilege.VIEWER),
            e(HandlerType.GET, "/api/v1/evidence/{id}/content", Privilege.VIEWER),
            e(HandlerType.POST, "/api/v1/evidence/{id}/revoke", Privilege.CONTRIBUTOR));

    private static final Map<String, Entry> BY_KEY = index();

    private RouteTable() {
    }

    private static Entry e(HandlerType method, String path, Privilege privilege) {
        return new Entry(method, path, privilege);
    }

    private static Map<String, Entry> index() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Entry entry : ENTRIES) {
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
        return Optional.ofNullable(BY_KEY.get(key(method, path)));
    }
}
