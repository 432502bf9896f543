package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditQuery;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * A tracking server with a local artifact root (mlruns/) makes MLflow's register_model send a bare absolute path as
 * the source. Regent records such a source as given, as a reference it never opens, fetches or serves; on MLflow's API
 * it applies MLflow's own rule that a local source comes with a run_id.
 */
class MlflowLocalSourceTest {
    private static final String LOCAL = "/home/u/mlruns/1/abc/artifacts/model";
    private static TestServer t;
    private static MlflowClient client;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer("version: 1\n");
        client = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + t.port, t.tokens.get("contributor")));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        t.close();
    }

    private static ModelRegistry.ModelVersion create(String model, String source, String runId) throws Exception {
        String body = "{\"name\":\"" + model + "\",\"source\":\"" + source + "\"" + (runId == null ? "" : ",\"run_id\":\"" + runId + "\"") + "}";
        ModelRegistry.CreateModelVersion.Response.Builder b = ModelRegistry.CreateModelVersion.Response.newBuilder();
        JsonFormat.parser().merge(client.sendPost("model-versions/create", body), b);
        return b.getModelVersion();
    }

    private static long blobFiles() throws Exception {
        Path blobs = t.dir.resolve("blobs");
        if (!Files.exists(blobs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(blobs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void registerModelFromALocalArtifactRootIsAcceptedWithItsRunIdAndTheSourceEchoedExactly() throws Exception {
        client.sendPost("registered-models/create", "{\"name\":\"local\"}");
        ModelRegistry.ModelVersion v = create("local", LOCAL, "abc");
        assertThat(v.getVersion()).isEqualTo("1");
        assertThat(v.getSource()).isEqualTo(LOCAL);
        assertThat(v.getRunId()).isEqualTo("abc");
        assertThat(client.getModelVersion("local", "1").getSource()).isEqualTo(LOCAL);
        assertThat(client.getModelVersionDownloadUri("local", "1")).isEqualTo(LOCAL);
        assertThat(create("local", "file:///home/u/mlruns/1/def/artifacts/model", "def").getSource())
                .isEqualTo("file:///home/u/mlruns/1/def/artifacts/model");
        assertThat(create("local", "mlflow-artifacts:/1/abc/artifacts/model", null).getSource())
                .isEqualTo("mlflow-artifacts:/1/abc/artifacts/model");
    }

    @Test
    void aLocalSourceWithoutARunIdIsRefusedAsMlflowRefusesItAndNothingIsWritten() throws Exception {
        client.sendPost("registered-models/create", "{\"name\":\"norun\"}");
        int entries = t.registry.governance().audit(TestServer.ADMIN, new AuditQuery(ModelName.of("norun"), 0, 100)).size();
        for (String source : List.of(LOCAL, "file://" + LOCAL)) {
            HttpResponse<String> r = t.post("/api/2.0/mlflow/model-versions/create", "contributor",
                    "{\"name\":\"norun\",\"source\":\"" + source + "\"}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).contains("\"error_code\":\"INVALID_PARAMETER_VALUE\"")
                    .contains("Invalid model version source: '" + source + "'. To use a local path as a model version source, "
                            + "the run_id request parameter has to be specified and the local path has to be contained "
                            + "within the artifact directory of the run specified by the run_id.");
        }
        assertThat(client.searchModelVersions("name='norun'").getItems()).isEmpty();
        assertThat(t.registry.governance().audit(TestServer.ADMIN, new AuditQuery(ModelName.of("norun"), 0, 100))).hasSize(entries);
        // '..' stays refused in any encoding
        HttpResponse<String> traversal = t.post("/api/2.0/mlflow/model-versions/create", "contributor",
                "{\"name\":\"norun\",\"source\":\"/home/u/%2e%2e/secret\",\"run_id\":\"r\"}");
        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(traversal.body()).contains("'..'");
    }

    @Test
    void theServerNeverOpensNorServesAPathAClientNames() throws Exception {
        client.sendPost("registered-models/create", "{\"name\":\"untouched\"}");
        long blobs = blobFiles();
        String ownDatabase = "file://" + t.dir.resolve("regent.db").toAbsolutePath();
        String missing = "/no/such/dir/model";
        assertThat(create("untouched", ownDatabase, "r1").getSource()).isEqualTo(ownDatabase);
        assertThat(create("untouched", missing, "r2").getSource()).isEqualTo(missing);

        for (int n = 1; n <= 2; n++) {
            assertThat(t.registry.artifacts().artifact(TestServer.ADMIN, ModelName.of("untouched"), VersionNumber.of(n))).isEmpty();
            HttpResponse<String> download = t.get("/api/v1/models/untouched/versions/" + n + "/artifact", "viewer");
            assertThat(download.statusCode()).as(download.body()).isEqualTo(404);
        }
        assertThat(blobFiles()).as("nothing copied into the blob store").isEqualTo(blobs);
    }

    @Test
    void theNativeApiRecordsALocalPathAsGivenToo() {
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"native-local\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> r = t.post("/api/v1/models/native-local/versions", "contributor", "{\"source\":\"" + LOCAL + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).contains("never opens");
        assertThat(t.tree(t.get("/api/v1/models/native-local/versions/1", "viewer")).path("source").asText()).isEqualTo(LOCAL);
    }
}
