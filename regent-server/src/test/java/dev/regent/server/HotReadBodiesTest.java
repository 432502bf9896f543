package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hot reads answer from bodies rendered once ({@link RenderedBodies}): every change that a hot body shows (a
 * version's description, an alias moved, a stage, a new version) is in the very next read, natively and through the
 * MLflow API, on SQLite and on PostgreSQL (a fresh schema in REGENT_TEST_POSTGRES_URL; skipped when unset).
 */
class HotReadBodiesTest {
    private static final String MF = "/api/2.0/mlflow";

    static Stream<String> databases() {
        return Stream.of("sqlite", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void everyChangeIsInTheNextHotRead(String database) throws Exception {
        String schema = null;
        String base = System.getenv("REGENT_TEST_POSTGRES_URL");
        String jdbc = null;
        if (database.equals("postgresql")) {
            Assumptions.assumeTrue(base != null && !base.isBlank(), "REGENT_TEST_POSTGRES_URL is not set");
            byte[] random = new byte[6];
            ThreadLocalRandom.current().nextBytes(random);
            schema = "regent_test_" + HexFormat.of().formatHex(random);
            try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            jdbc = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        try (TestServer t = new TestServer("version: 1\n", jdbc)) {
            exercise(t);
        } finally {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    private static void exercise(TestServer t) {
        ok(t.post("/api/v1/models", "admin", "{\"name\":\"hot\"}"), 201);
        ok(t.post("/api/v1/models/hot/versions", "admin", "{\"source\":\"s3://b/hot/1\"}"), 201);
        String version = "/api/v1/models/hot/versions/1";

        HttpResponse<String> first = ok(t.get(version, "viewer"), 200);
        HttpResponse<String> again = ok(t.get(version, "viewer"), 200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));
        assertThat(again.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        // a description: native body and ETag, MLflow body
        String etag = first.headers().firstValue("ETag").orElseThrow();
        ok(t.send("PATCH", version, "admin", "{\"description\":\"second thoughts\"}", "If-Match", etag), 200);
        HttpResponse<String> described = ok(t.get(version, "viewer"), 200);
        assertThat(t.tree(described).path("description").asText()).isEqualTo("second thoughts");
        assertThat(described.headers().firstValue("ETag")).isNotEqualTo(first.headers().firstValue("ETag"));
        JsonNode mv = t.tree(ok(t.get(MF + "/model-versions/get?name=hot&version=1", "viewer"), 200)).path("model_version");
        assertThat(mv.path("description").asText()).isEqualTo("second thoughts");

        // an alias, then moved: the version bodies' alias lists and MLflow's alias answer follow at once
        ok(t.send("PUT", "/api/v1/models/hot/aliases/champion", "admin", "{\"version\":1,\"reason\":\"first\"}"), 200);
        assertThat(t.tree(ok(t.get(version, "viewer"), 200)).path("aliases").toString()).isEqualTo("[\"champion\"]");
        assertThat(mlflowAlias(t)).isEqualTo("1");
        ok(t.post("/api/v1/models/hot/versions", "admin", "{\"source\":\"s3://b/hot/2\"}"), 201);
        ok(t.send("PUT", "/api/v1/models/hot/aliases/champion", "admin", "{\"version\":2,\"reason\":\"better\"}"), 200);
        assertThat(mlflowAlias(t)).isEqualTo("2");
        assertThat(t.tree(ok(t.get(version, "viewer"), 200)).path("aliases").toString()).isEqualTo("[]");
        assertThat(t.tree(ok(t.get("/api/v1/models/hot", "viewer"), 200)).path("aliases").path("champion").asInt()).isEqualTo(2);

        // a stage: the model's overview and MLflow's latest versions
        String latest = MF + "/registered-models/get-latest-versions?name=hot";
        assertThat(t.tree(ok(t.get(latest, "viewer"), 200)).path("model_versions").toString()).doesNotContain("Staging");
        ok(t.post("/api/v1/models/hot/versions/2/promote", "admin", "{\"stage\":\"Staging\",\"reason\":\"try\"}"), 200);
        JsonNode versions = t.tree(ok(t.get(latest, "viewer"), 200)).path("model_versions");
        assertThat(versions.toString()).contains("\"current_stage\":\"Staging\"");
        assertThat(t.tree(ok(t.get("/api/v1/models/hot", "viewer"), 200)).path("stages").path("Staging").asInt()).isEqualTo(2);
        assertThat(t.tree(ok(t.get(MF + "/model-versions/get?name=hot&version=2", "viewer"), 200))
                .path("model_version").path("current_stage").asText()).isEqualTo("Staging");

        // authorization is still checked on every hot read: a cached body is never an answer to a stranger
        assertThat(t.get(version, null).statusCode()).isEqualTo(401);
        assertThat(t.get(version, "rgt_" + "A".repeat(43)).statusCode()).isEqualTo(401);
        assertThat(t.get(MF + "/model-versions/get?name=hot&version=1", null).statusCode()).isEqualTo(401);
    }

    private static String mlflowAlias(TestServer t) {
        return t.tree(ok(t.get(MF + "/registered-models/alias?name=hot&alias=champion", "viewer"), 200))
                .path("model_version").path("version").asText();
    }

    private static HttpResponse<String> ok(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }
}
