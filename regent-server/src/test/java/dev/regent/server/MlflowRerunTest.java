package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditQuery;
import dev.regent.core.model.ModelName;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * A deploy-and-clean-up script run twice through MLflow's own client: the second run changes nothing, answers 200
 * with MLflow's response shapes, as MLflow does, and adds no audit entry.
 */
class MlflowRerunTest {
    private static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - artifact_digest: {}
            """;
    private static TestServer t;
    private static MlflowClient client;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(POLICY);
        client = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + t.port, t.tokens.get("contributor")));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        t.close();
    }

    private static int entries(String model) {
        return t.registry.governance().audit(TestServer.ADMIN, new AuditQuery(ModelName.of(model), 0, AuditQuery.MAX_LIMIT)).size();
    }

    private static HttpResponse<String> call(String method, String endpoint, String body) {
        HttpResponse<String> r = t.send(method, "/api/2.0/mlflow/" + endpoint, "contributor", body);
        assertThat(r.statusCode()).as(method + " " + endpoint + ": " + r.body()).isEqualTo(200);
        return r;
    }

    /** Stage, tags, alias and description as a deploy script sets them, and the tags it cleans up. */
    private static HttpResponse<String> deploy() throws Exception {
        HttpResponse<String> staged = call("POST", "model-versions/transition-stage",
                "{\"name\":\"rerun\",\"version\":\"1\",\"stage\":\"Staging\",\"archive_existing_versions\":true}");
        ModelRegistry.TransitionModelVersionStage.Response.Builder shape = ModelRegistry.TransitionModelVersionStage.Response.newBuilder();
        JsonFormat.parser().merge(staged.body(), shape);
        assertThat(shape.getModelVersion().getCurrentStage()).isEqualTo("Staging");
        client.sendPost("registered-models/set-tag", "{\"name\":\"rerun\",\"key\":\"deployed\",\"value\":\"yes\"}");
        client.sendPost("model-versions/set-tag", "{\"name\":\"rerun\",\"version\":\"1\",\"key\":\"deployed\",\"value\":\"yes\"}");
        assertThat(call("DELETE", "registered-models/delete-tag", "{\"name\":\"rerun\",\"key\":\"candidate\"}").body()).isEqualTo("{}");
        assertThat(call("DELETE", "model-versions/delete-tag", "{\"name\":\"rerun\",\"version\":\"1\",\"key\":\"candidate\"}").body())
                .isEqualTo("{}");
        assertThat(client.sendPost("registered-models/alias", "{\"name\":\"rerun\",\"alias\":\"champion\",\"version\":\"1\"}"))
                .isEqualTo("{}");
        client.sendPatch("model-versions/update", "{\"name\":\"rerun\",\"version\":\"1\",\"description\":\"deployed build\"}");
        client.sendPatch("registered-models/update", "{\"name\":\"rerun\",\"description\":\"the rerun model\"}");
        return staged;
    }

    @Test
    void aDeployScriptRunTwiceSucceedsTwiceAndTheSecondRunWritesNothing() throws Exception {
        client.sendPost("registered-models/create", "{\"name\":\"rerun\",\"tags\":[{\"key\":\"candidate\",\"value\":\"1\"}]}");
        client.sendPost("model-versions/create", "{\"name\":\"rerun\",\"source\":\"s3://b/rerun/1\",\"run_id\":\"r1\","
                + "\"tags\":[{\"key\":\"candidate\",\"value\":\"1\"},{\"key\":\"regent.digest\",\"value\":\"sha256:"
                + "ab".repeat(32) + "\"}]}");

        deploy();
        int afterFirst = entries("rerun");
        String modelAfterFirst = client.sendGet("registered-models/get?name=rerun");
        String versionAfterFirst = client.sendGet("model-versions/get?name=rerun&version=1");

        HttpResponse<String> again = deploy();

        assertThat(again.headers().firstValue("Regent-Summary")).hasValueSatisfying(s ->
                assertThat(s).contains("already in Staging").contains("nothing changed"));
        assertThat(entries("rerun")).isEqualTo(afterFirst);
        assertThat(client.sendGet("registered-models/get?name=rerun")).isEqualTo(modelAfterFirst);
        assertThat(client.sendGet("model-versions/get?name=rerun&version=1")).isEqualTo(versionAfterFirst);
        ModelRegistry.ModelVersion v = client.getModelVersion("rerun", "1");
        assertThat(v.getCurrentStage()).isEqualTo("Staging");
        assertThat(v.getAliasesList()).containsExactly("champion");
        assertThat(v.getTagsList()).extracting(ModelRegistry.ModelVersionTag::getKey).containsExactly("deployed", "regent.digest");
    }

    @Test
    void theDigestShownAsATagCannotBeDeletedEvenThoughAbsentTagsCan() {
        client.sendPost("registered-models/create", "{\"name\":\"digested\"}");
        client.sendPost("model-versions/create", "{\"name\":\"digested\",\"source\":\"s3://b/d/1\",\"tags\":[{\"key\":"
                + "\"regent.digest\",\"value\":\"sha256:" + "cd".repeat(32) + "\"}]}");
        HttpResponse<String> r = t.send("DELETE", "/api/2.0/mlflow/model-versions/delete-tag", "contributor",
                "{\"name\":\"digested\",\"version\":\"1\",\"key\":\"regent.digest\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("INVALID_PARAMETER_VALUE").contains("artifact digest");
    }
}
