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
}
