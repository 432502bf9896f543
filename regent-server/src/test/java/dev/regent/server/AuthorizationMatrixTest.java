package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.Grant;
import dev.regent.core.access.Role;
import dev.regent.core.model.ModelName;
import io.javalin.event.HandlerMetaInfo;
import io.javalin.http.HandlerType;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route × method in the route table × role (none, viewer, contributor, approver, admin), against the table. */
class AuthorizationMatrixTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
        assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"m\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/m/versions", "admin", "{\"source\":\"s3://bucket/m/1\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"secret-model\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    /** The route's path with a sample value for each parameter (one place, so a new parameter is added once). */
    private static String samplePath(RouteTable.Entry entry) {
        return entry.path().replace("{model}", "m").replace("{version}", "1").replace("{alias}", "champion")
                .replace("{revision}", "1").replace("{delivery}", "msg_1_wh_0").replace("{principal}", "viewer")
                .replace("{tag}", "bias_checked").replace("{file}", "regent.css").replace("{size}", "1")
                .replace("{id}", entry.path().contains("tokens") ? "tok-000000000000" : "ev-00000000000000000000")
                .replace("<path>", "0/000");
    }

    @Test
    void everyRouteAndRoleAgreesWithTheTable() {
        List<String> failures = new ArrayList<>();
        String[] roles = {null, "viewer", "contributor", "approver", "admin"};
        for (RouteTable.Entry entry : RouteTable.ENTRIES) {
            String path = samplePath(entry);
            boolean mutating = entry.method() != HandlerType.GET;
            String query = mutating ? "?dry_run=true&reason=matrix" : "";
            if (entry.path().endsWith("/gates")) {
                query = "?target=Production";
            }
            String body = entry.method() == HandlerType.POST || entry.method() == HandlerType.PUT
                    || entry.method() == HandlerType.PATCH ? "{}" : null;
            for (String role : roles) {
                HttpResponse<String> r = t.send(entry.method().name(), path + query, role, body);
                int status = r.statusCode();
                String expected;
                if (entry.privilege() == Privilege.PUBLIC) {
                    expected = "allowed";
                } else if (role == null) {
                    expected = "401";
                } else if (entry.privilege() == Privilege.AUTHENTICATED) {
                    expected = "allowed";
                } else {
                    expected = Role.parse(role).includes(entry.privilege().role()) ? "allowed" : "403";
                }
                boolean ok = switch (expected) {
                    case "401" -> status == 401 && r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer");
                    case "403" -> status == 403;
                    default -> status != 401 && status != 403 && status < 500;
                };
                if (!ok) {
                    failures.add(entry.method() + " " + entry.path() + " as " + role + ": expected " + expected + ", got "
                            + status + " " + r.body());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Issue 17: without a token, HEAD on every GET route answered 200 (empty, unlogged): HEAD must answer as GET does. */
    @Test
    void headAnswersEveryRouteExactlyAsGetDoesWithoutABody() {
        List<String> failures = new ArrayList<>();
        String[] roles = {null, "viewer", "contributor", "approver", "admin"};
        for (RouteTable.Entry entry : RouteTable.ALL) {
            if (entry.method() != HandlerType.GET) {
                continue;
            }
            String path = samplePath(entry) + (entry.path().endsWith("/gates") ? "?target=Production" : "");
            for (String role : roles) {
                int get = t.send("GET", path, role, null).statusCode();
                HttpResponse<String> head = t.send("HEAD", path, role, null);
                if (head.statusCode() != get || !head.body().isEmpty()) {
                    failures.add("HEAD " + entry.path() + " as " + role + ": " + head.statusCode() + " (GET: " + get + ")"
                            + (head.body().isEmpty() ? "" : " with a body"));
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(t.send("HEAD", "/api/v1/principals", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aModelOneMayNotReadAnswersExactlyLikeAMissingOne() {
        t.addPrincipal("outsider", new Grant(Role.CONTRIBUTOR, ModelName.of("m")));
        HttpResponse<String> forbidden = t.get("/api/v1/models/secret-model", "outsider");
        HttpResponse<String> missing = t.get("/api/v1/models/no-such-model", "outsider");
        assertThat(forbidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(forbidden.body().replace("secret-model", "X")).isEqualTo(missing.body().replace("no-such-model", "X"));
        // and listing shows only what the caller may read
        assertThat(t.get("/api/v1/models", "outsider").body()).contains("\"m\"").doesNotContain("secret-model");
        // a role on one model does not reach another one's writes either
        assertThat(t.post("/api/v1/models/secret-model/versions?dry_run=true", "outsider", "{\"source\":\"s3://b/x\"}")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void badOrMissingTokensAre401WithTheSameAnswer() {
        HttpResponse<String> none = t.get("/api/v1/whoami", null);
        HttpResponse<String> garbage = t.get("/api/v1/whoami", "not-a-token");
        HttpResponse<String> unknown = t.get("/api/v1/whoami", "rgt_" + "A".repeat(43));
        assertThat(List.of(none.statusCode(), garbage.statusCode(), unknown.statusCode())).containsOnly(401);
        assertThat(garbage.body()).isEqualTo(unknown.body());
        assertThat(t.get("/api/v1/whoami", "viewer").body()).contains("\"name\":\"viewer\"");
    }

    @Test
    void aRouteWithoutATableEntryStopsTheServerFromStarting() {
        HandlerMetaInfo head = new HandlerMetaInfo(HandlerType.HEAD, "/api/v1/models", ctx -> { }, Set.of());
        HandlerMetaInfo options = new HandlerMetaInfo(HandlerType.OPTIONS, "/api/v1/models/{model}", ctx -> { }, Set.of());
        assertThatThrownBy(() -> RegentServer.checkRouteTable(List.of(head))).hasMessageContaining("HEAD /api/v1/models");
        assertThatThrownBy(() -> RegentServer.checkRouteTable(List.of(options))).hasMessageContaining("OPTIONS");
        // entries without routes are refused too
        assertThatThrownBy(() -> RegentServer.checkRouteTable(List.of())).hasMessageContaining("has no route");
    }

    @Test
    void unregisteredMethodsAreNotServed() {
        assertThat(t.send("OPTIONS", "/api/v1/models", "admin", null).statusCode()).isIn(404, 405);
        assertThat(t.send("PUT", "/api/v1/models", "admin", "{}").statusCode()).isIn(404, 405);
    }
}
