package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.access.Grant;
import dev.regent.core.access.Role;
import dev.regent.core.model.ModelName;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model page's event feed on SQLite and on PostgreSQL (a fresh schema in REGENT_TEST_POSTGRES_URL; skipped when
 * unset): a principal granted on one model sees exactly that model's events, newest first, the same as
 * {@code GET /api/v1/events?model=}, and none of models whose names share its prefix or match it as a SQL pattern
 * ({@code a_b} against {@code axb}, {@code credit} against {@code credit-scorer}).
 */
class UiModelEventsStoresTest {
    private static final Pattern SEQ = Pattern.compile("<a href=\"/audit\\?model=[^\"]*#seq-(\\d+)\"");

    static Stream<String> databases() {
        return Stream.of("sqlite", "postgresql");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aModelsFeedHoldsItsOwnEventsOnly(String database) throws Exception {
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
        for (String model : List.of("a_b", "axb", "credit", "credit-scorer")) {
            assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"" + model + "\",\"description\":\"about " + model + "\"}")
                    .statusCode()).isEqualTo(201);
            for (int n = 1; n <= 3; n++) {
                assertThat(t.post("/api/v1/models/" + model + "/versions", "admin",
                        "{\"source\":\"s3://b/" + model + "/" + n + "\"}").statusCode()).isEqualTo(201);
            }
            assertThat(t.post("/api/v1/models/" + model + "/versions/3/promote", "admin",
                    "{\"stage\":\"Production\",\"reason\":\"only-" + model + "\"}").statusCode()).isEqualTo(200);
        }
        UiHttp ui = new UiHttp(t);
        for (String model : List.of("a_b", "credit")) {
            String principal = "only-" + model.replace("_", "-");
            t.addPrincipal(principal, new Grant(Role.VIEWER, ModelName.of(model)));
            UiHttp.Session s = ui.signIn(principal);
            HttpResponse<String> page = ui.get("/models/" + model, s);
            assertThat(page.statusCode()).isEqualTo(200);
            String events = page.body().substring(page.body().indexOf("id=\"events-h\""));
            List<Long> shown = new ArrayList<>();
            Matcher m = SEQ.matcher(events);
            while (m.find()) {
                shown.add(Long.parseLong(m.group(1)));
            }
            List<Long> feed = new ArrayList<>();
            JsonNode api = t.tree(t.get("/api/v1/events?limit=1000&model=" + model, principal));
            api.get("events").forEach(e -> feed.add(e.get("seq").asLong()));
            Collections.reverse(feed);
            // a creation, three versions and a promotion: exactly the model's, newest first
            assertThat(shown).as(database(t) + model).hasSize(5).isEqualTo(feed);
            String other = model.equals("a_b") ? "axb" : "credit-scorer";
            assertThat(events).contains("only-" + model).doesNotContain("only-" + other).doesNotContain(other + "/");
            assertThat(ui.get("/models/" + other, s).statusCode()).isEqualTo(404);
        }
    }

    private static String database(TestServer t) {
        return t.store.getClass().getSimpleName() + ": ";
    }
}
