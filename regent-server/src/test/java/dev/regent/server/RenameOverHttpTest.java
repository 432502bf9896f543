package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/v1/models/{model}/rename: the report, the model under its new name, and refusals with native statuses. */
class RenameOverHttpTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer("version: 1\n");
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"fraud\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/fraud/versions", "contributor", "{\"source\":\"s3://b/fraud/1\"}").statusCode())
                .isEqualTo(201);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"taken\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    @Test
    void aRenameIsReportedPlannedAndRefusedTheNativeWay() {
        HttpResponse<String> dry = t.post("/api/v1/models/fraud/rename?dry_run=true", "contributor", "{\"new_name\":\"fraud2\"}");
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(dry.body()).contains("\"outcome\":\"PLANNED\"");
        assertThat(t.get("/api/v1/models/fraud2", "viewer").statusCode()).isEqualTo(404);

        HttpResponse<String> taken = t.post("/api/v1/models/fraud/rename", "contributor", "{\"new_name\":\"taken\"}");
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
        assertThat(t.post("/api/v1/models/fraud/rename", "contributor", "{}").statusCode()).isEqualTo(400);
        assertThat(t.post("/api/v1/models/fraud/rename", "viewer", "{\"new_name\":\"x\"}").statusCode()).isEqualTo(403);

        HttpResponse<String> done = t.post("/api/v1/models/fraud/rename", "contributor",
                "{\"new_name\":\"fraud2\",\"reason\":\"clearer\"}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("\"outcome\":\"APPLIED\"").contains("regent model rename fraud2 fraud");
        assertThat(t.get("/api/v1/models/fraud2/versions/1", "viewer").statusCode()).isEqualTo(200);
        assertThat(t.get("/api/v1/models/fraud", "viewer").statusCode()).isEqualTo(404);
    }

    /**
     * Issue 17, finding 2: a principal granted only on one model learned that another exists, and who created it,
     * from a rename's dry run (409 "already exists (created by …)" against 200 for a free name). Naming an unreadable
     * model must answer exactly as naming a missing one.
     */
    @Test
    void renamingIntoAnUnreadableNameAnswersExactlyAsIntoAMissingOne() {
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"mine\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"secret-model\"}").statusCode()).isEqualTo(201);
        t.addPrincipal("scoped", new dev.regent.core.access.Grant(dev.regent.core.access.Role.CONTRIBUTOR,
                dev.regent.core.model.ModelName.of("mine")));
        for (String dry : new String[] {"?dry_run=true", ""}) {
            HttpResponse<String> existing = t.post("/api/v1/models/mine/rename" + dry, "scoped", "{\"new_name\":\"secret-model\"}");
            HttpResponse<String> missing = t.post("/api/v1/models/mine/rename" + dry, "scoped", "{\"new_name\":\"no-such-model\"}");
            assertThat(existing.statusCode()).isEqualTo(missing.statusCode()).isEqualTo(403);
            assertThat(existing.body().replace("secret-model", "X")).isEqualTo(missing.body().replace("no-such-model", "X"));
            assertThat(existing.body()).doesNotContain("contributor)").doesNotContain("created by");
        }
        assertThat(t.get("/api/v1/models/mine", "viewer").statusCode()).isEqualTo(200);
    }
}
