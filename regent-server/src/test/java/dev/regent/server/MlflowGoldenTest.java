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
        // the built-in policy, with the alias these shapes use declared ungated (an undeclared one is gated like Production)
        t = new TestServer(dev.regent.core.policy.Policies.BUILT_IN_YAML + "  aliases:\n    champ: []\n");
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
                        + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\","
                        + "\"source\":\"s3://b/g/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"run_link\":\"\"}}");
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

    /** Every endpoint once, in an order that tells the story: each answer field for field as MLflow's proto names it. */
    @Test
    void everyEndpointAnswersInMlflowsShape() {
        assertThat(call("POST", "registered-models/create", "{\"name\":\"silver\"}", 200)).isEqualTo("{\"registered_model\":{\"name\":\"silver\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\"}}");
        assertThat(call("POST", "model-versions/create", "{\"name\":\"silver\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}]}", 200)).isEqualTo("{\"model_version\":{\"name\":\"silver\",\"version\":\"1\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}],\"run_link\":\"\"}}");
        assertThat(call("POST", "model-versions/create", "{\"name\":\"silver\",\"source\":\"s3://b/s/2\"}", 200)).isEqualTo("{\"model_version\":{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}}");
        assertThat(call("PATCH", "registered-models/update", "{\"name\":\"silver\",\"description\":\"d\"}", 200)).isEqualTo("{\"registered_model\":{\"name\":\"silver\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"description\":\"d\",\"latest_versions\":[{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}]}}");
        assertThat(call("GET", "registered-models/get?name=silver", null, 200)).isEqualTo("{\"registered_model\":{\"name\":\"silver\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"description\":\"d\",\"latest_versions\":[{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}]}}");
        assertThat(call("POST", "registered-models/set-tag", "{\"name\":\"silver\",\"key\":\"team\",\"value\":\"risk\"}", 200)).isEqualTo("{}");
        assertThat(call("DELETE", "registered-models/delete-tag", "{\"name\":\"silver\",\"key\":\"team\"}", 200)).isEqualTo("{}");
        assertThat(call("PATCH", "model-versions/update", "{\"name\":\"silver\",\"version\":\"1\",\"description\":\"v1\"}", 200)).isEqualTo("{\"model_version\":{\"name\":\"silver\",\"version\":\"1\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"v1\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}],\"run_link\":\"\"}}");
        assertThat(call("POST", "model-versions/transition-stage", "{\"name\":\"silver\",\"version\":\"1\",\"stage\":\"Staging\",\"archive_existing_versions\":false}", 403)).isEqualTo("{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"Regent refused this change. gate eval_report: no eval report is attached; attach one: regent evidence add silver 1 --kind eval-report --file report.json. (Policy revision 1 (sha256:0be9b2c2393f), applied by regent at 2026-01-01T00:00:00Z; gates from default.stages.Staging.)\"}");
        assertThat(call("POST", "registered-models/alias", "{\"name\":\"silver\",\"alias\":\"champ\",\"version\":\"1\"}", 200)).isEqualTo("{}");
        assertThat(call("GET", "registered-models/alias?name=silver&alias=champ", null, 200)).isEqualTo("{\"model_version\":{\"name\":\"silver\",\"version\":\"1\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"v1\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}],\"run_link\":\"\",\"aliases\":[\"champ\"]}}");
        assertThat(call("GET", "model-versions/get?name=silver&version=1", null, 200)).isEqualTo("{\"model_version\":{\"name\":\"silver\",\"version\":\"1\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"v1\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}],\"run_link\":\"\",\"aliases\":[\"champ\"]}}");
        assertThat(call("GET", "registered-models/get-latest-versions?name=silver", null, 200)).isEqualTo("{\"model_versions\":[{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}]}");
        assertThat(call("GET", "registered-models/search?filter=name%3D%27silver%27", null, 200)).isEqualTo("{\"registered_models\":[{\"name\":\"silver\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"description\":\"d\",\"latest_versions\":[{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}],\"aliases\":[{\"alias\":\"champ\",\"version\":\"1\"}]}]}");
        assertThat(call("GET", "model-versions/search?filter=name%3D%27silver%27&order_by=version_number%20ASC", null, 200)).isEqualTo("{\"model_versions\":[{\"name\":\"silver\",\"version\":\"1\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"v1\",\"source\":\"s3://b/s/1\",\"run_id\":\"r1\",\"status\":\"READY\",\"tags\":[{\"key\":\"t\",\"value\":\"u\"}],\"run_link\":\"\"},{\"name\":\"silver\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}]}");
        assertThat(call("DELETE", "registered-models/alias", "{\"name\":\"silver\",\"alias\":\"champ\"}", 200)).isEqualTo("{}");
        assertThat(call("POST", "registered-models/rename", "{\"name\":\"silver\",\"new_name\":\"silver2\"}", 200)).isEqualTo("{\"registered_model\":{\"name\":\"silver2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"description\":\"d\",\"latest_versions\":[{\"name\":\"silver2\",\"version\":\"2\",\"creation_timestamp\":" + T + ",\"last_updated_timestamp\":" + T + ",\"user_id\":\"contributor\",\"current_stage\":\"None\",\"description\":\"\",\"source\":\"s3://b/s/2\",\"run_id\":\"\",\"status\":\"READY\",\"run_link\":\"\"}]}}");
        assertThat(call("DELETE", "model-versions/delete", "{\"name\":\"silver2\",\"version\":\"2\"}", 200)).isEqualTo("{}");
        assertThat(call("GET", "model-versions/search?filter=version_number%3E%3D1%20AND%20bad", null, 400)).isEqualTo("{\"error_code\":\"INVALID_PARAMETER_VALUE\",\"message\":\"invalid filter at position 22: invalid attribute 'bad' for model versions: valid attributes are [name, run_id, source_path, version_number], or tags.<key>\"}");
    }
}
