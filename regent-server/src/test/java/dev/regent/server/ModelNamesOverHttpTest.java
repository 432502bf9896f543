package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * Model names as MLflow's own docs write them ("FraudDetector", "Churn Model v2") through MLflow's Java client, the
 * native API (names as URL-encoded path segments) and the web UI (links that encode them); look-alikes refused.
 */
class ModelNamesOverHttpTest {
    private static TestServer t;
    private static MlflowClient client;
    private static UiHttp ui;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer("version: 1\n");
        client = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + t.port, t.tokens.get("contributor")));
        ui = new UiHttp(t);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        t.close();
    }

    private static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ModelRegistry.RegisteredModel createModel(String name) throws Exception {
        ModelRegistry.CreateRegisteredModel.Response.Builder b = ModelRegistry.CreateRegisteredModel.Response.newBuilder();
        JsonFormat.parser().merge(client.sendPost("registered-models/create", "{\"name\":\"" + name + "\"}"), b);
        return b.getRegisteredModel();
    }

    private static ModelRegistry.ModelVersion createVersion(String name, String source) throws Exception {
        ModelRegistry.CreateModelVersion.Response.Builder b = ModelRegistry.CreateModelVersion.Response.newBuilder();
        JsonFormat.parser().merge(client.sendPost("model-versions/create",
                "{\"name\":\"" + name + "\",\"source\":\"" + source + "\"}"), b);
        return b.getModelVersion();
    }

    private static java.util.List<String> searchModels(String filter) throws Exception {
        ModelRegistry.SearchRegisteredModels.Response.Builder b = ModelRegistry.SearchRegisteredModels.Response.newBuilder();
        JsonFormat.parser().merge(client.sendGet("registered-models/search?filter="
                + URLEncoder.encode(filter, StandardCharsets.UTF_8)), b);
        return b.getRegisteredModelsList().stream().map(ModelRegistry.RegisteredModel::getName).toList();
    }

    @Test
    void mlflowsClientRegistersSearchesAndGetsNamesAsItsDocsWriteThem() throws Exception {
        assertThat(createModel("FraudDetector").getName()).isEqualTo("FraudDetector");
        assertThat(createModel("Churn Model v2").getName()).isEqualTo("Churn Model v2");
        assertThat(createVersion("FraudDetector", "s3://b/fraud/1").getVersion()).isEqualTo("1");
        assertThat(createVersion("Churn Model v2", "s3://b/churn/1").getName()).isEqualTo("Churn Model v2");
        assertThat(createVersion("Churn Model v2", "s3://b/churn/2").getVersion()).isEqualTo("2");

        assertThat(client.getRegisteredModel("Churn Model v2").getName()).isEqualTo("Churn Model v2");
        assertThat(client.getModelVersion("Churn Model v2", "2").getSource()).isEqualTo("s3://b/churn/2");
        assertThat(client.getModelVersion("FraudDetector", "1").getName()).isEqualTo("FraudDetector");
        assertThat(client.searchModelVersions("name = 'Churn Model v2'").getItems())
                .extracting(ModelRegistry.ModelVersion::getVersion).containsExactlyInAnyOrder("1", "2");
        assertThat(searchModels("name = 'FraudDetector'")).containsExactly("FraudDetector");
        // LIKE is case-sensitive, as in MLflow; ILIKE is not
        assertThat(searchModels("name LIKE 'Churn%'")).containsExactly("Churn Model v2");
        assertThat(searchModels("name LIKE 'churn%'")).isEmpty();
        assertThat(searchModels("name ILIKE 'churn model%'")).containsExactly("Churn Model v2");
        assertThat(searchModels("name = 'frauddetector'")).isEmpty();

        // case-sensitive lookups: another case is another (missing) model
        assertThatThrownBy(() -> client.getRegisteredModel("frauddetector")).isInstanceOf(MlflowHttpException.class)
                .satisfies(e -> assertThat(((MlflowHttpException) e).getStatusCode()).isEqualTo(404));
        // ...which cannot be created beside it: the refusal names the model holding the name
        assertThatThrownBy(() -> createModel("FRAUDDETECTOR")).isInstanceOf(MlflowHttpException.class).satisfies(e -> {
            MlflowHttpException h = (MlflowHttpException) e;
            assertThat(h.getStatusCode()).isEqualTo(400);
            assertThat(h.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS").contains("'FraudDetector' already exists");
        });
        assertThatThrownBy(() -> createModel("a/b")).isInstanceOf(MlflowHttpException.class)
                .satisfies(e -> assertThat(((MlflowHttpException) e).getBodyMessage())
                        .contains("INVALID_PARAMETER_VALUE").contains("except '/', '@' and '#'"));
    }

    @Test
    void theNativeApiTakesNamesAsEncodedPathSegments() {
        for (String name : new String[] {"Native Model", "50% off+more?", "модель ünï", "a;b=c&d"}) {
            HttpResponse<String> created = t.post("/api/v1/models", "contributor", "{\"name\":\"" + name + "\"}");
            assertThat(created.statusCode()).as(name + ": " + created.body()).isEqualTo(201);
            HttpResponse<String> version = t.post("/api/v1/models/" + segment(name) + "/versions", "contributor",
                    "{\"source\":\"s3://b/x/1\"}");
            assertThat(version.statusCode()).as(name + ": " + version.body()).isEqualTo(201);
            HttpResponse<String> read = t.get("/api/v1/models/" + segment(name), "viewer");
            assertThat(read.statusCode()).as(name + ": " + read.body()).isEqualTo(200);
            assertThat(t.tree(read).path("name").asText()).isEqualTo(name);
            HttpResponse<String> v1 = t.get("/api/v1/models/" + segment(name) + "/versions/1", "viewer");
            assertThat(v1.statusCode()).as(name + ": " + v1.body()).isEqualTo(200);
        }
        assertThat(t.get("/api/v1/models/" + segment("native model"), "viewer").statusCode()).isEqualTo(404);
        HttpResponse<String> lookAlike = t.post("/api/v1/models", "contributor", "{\"name\":\"NATIVE MODEL\"}");
        assertThat(lookAlike.statusCode()).isEqualTo(409);
        assertThat(lookAlike.body()).contains("'Native Model' already exists");
    }

    @Test
    void theUiLinksEncodeNames() {
        String name = "UI Model 50%?";
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/" + segment(name) + "/versions", "contributor",
                "{\"source\":\"s3://b/ui/1\"}").statusCode()).isEqualTo(201);
        UiHttp.Session s = ui.signIn("contributor");
        HttpResponse<String> list = ui.get("/", s);
        assertThat(list.body()).contains("href=\"/models/" + segment(name) + "\"");
        HttpResponse<String> page = ui.get("/models/" + segment(name), s);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("href=\"/models/" + segment(name) + "/versions/1\"")
                .contains("action=\"/models/" + segment(name) + "/versions\"");
        HttpResponse<String> version = ui.get("/models/" + segment(name) + "/versions/1", s);
        assertThat(version.statusCode()).as(version.body()).isEqualTo(200);
        assertThat(version.body()).contains("<h1>UI Model 50%?");
    }
}
