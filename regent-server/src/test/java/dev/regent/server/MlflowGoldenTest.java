package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exact request/response pairs of the MLflow surface, field for field as MLflow's proto names them. */
class MlflowGoldenTest {
    private static final String P = "/api/2.0/mlflow/";
    private static final long T = 1767225600000L; // 2026-01-01T00:00:00Z, the test clock
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    private static String call(String method, String path, String body, int status) {
        HttpResponse<String> r = t.send(method, P + path, "contributor", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r.body();
    }

    @Test
    void goldenExchanges() {
        assertThat(call("POST", "registered-models/create", "{\"name\":\"gold\",\"tags\":[{\"key\":\"a\",\"value\":\"b\"}]}", 200))
                .isEqualTo("{\"registered_model\":{\"name\":\"gold\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":"
                        + T + ",\"user_id\":\"contributor\",\"tags\":[{\"key\":\"a\",\"value\":\"b\"}]}}");
        assertThat(call("POST", "model-versions/create", "{\"name\":\"gold\",\"source\":\"s3://b/g/1\",\"run_id\":\"r1\"}", 200))
                .isEqualTo("{\"model_version\":{\"name\":\"gold\",\"version\":\"1\",\"creation_timestamp\":" + T
                        + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\","
                        + "\"source\":\"s3://b/g/1\",\"run_id\":\"r1\",\"status\":\"READY\"}}");
        assertThat(call("GET", "model-versions/get-download-uri?name=gold&version=1", null, 200))
                .isEqualTo("{\"artifact_uri\":\"s3://b/g/1\"}");
        assertThat(call("POST", "registered-models/get-latest-versions", "{\"name\":\"gold\",\"stages\":[\"Production\"]}", 200))
                .isEqualTo("{}");
        assertThat(call("POST", "model-versions/set-tag", "{\"name\":\"gold\",\"version\":\"1\",\"key\":\"k\",\"value\":\"v\"}", 200))
                .isEqualTo("{}");
        assertThat(call("DELETE", "model-versions/delete-tag", "{\"name\":\"gold\",\"version\":\"1\",\"key\":\"k\"}", 200))
                .isEqualTo("{}");
        assertThat(call("GET", "registered-models/get?name=nope", null, 404)).isEqualTo(
                "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"model 'nope' not found (see 'regent model list')\"}");
        assertThat(call("POST", "registered-models/create", "{}", 400)).isEqualTo("{\"error_code\":\"INVALID_PARAMETER_VALUE\","
                + "\"message\":\"Missing value for required parameter 'name'. See the API docs for more information about "
                + "request parameters.\"}");
        assertThat(call("DELETE", "registered-models/delete", "{\"name\":\"gold\"}", 200)).isEqualTo("{}");
        assertThat(call("GET", "registered-models/search", null, 200)).isEqualTo("{}");
    }
}
