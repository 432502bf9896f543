package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.ModelRegistry;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.mlflow_project.google.protobuf.Message;
import org.mlflow_project.google.protobuf.util.JsonFormat;

/**
 * MLflow's own Java client against a real Regent server: typed methods where it has them, sendGet/sendPost/sendPatch
 * elsewhere, plain HTTP for DELETE; every answer parsed with MLflow's protobuf classes (strictly: an unknown field
 * fails), so the wire format is proven by MLflow's code.
 */
class MlflowClientTest {
    private static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - artifact_digest: {}
            """;
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
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

    private static <B extends Message.Builder> B parse(String json, B builder) throws Exception {
        JsonFormat.parser().merge(json, builder);
        return builder;
    }

    private static ModelRegistry.ModelVersion createVersion(String model, String source, String extraTags) throws Exception {
        String body = "{\"name\":\"" + model + "\",\"source\":\"" + source + "\",\"run_id\":\"run-" + source.hashCode()
                + "\",\"run_link\":\"http://runs/1\",\"description\":\"d\",\"tags\":[{\"key\":\"team\",\"value\":\"risk\"}"
                + extraTags + "]}";
        return parse(client.sendPost("model-versions/create", body), ModelRegistry.CreateModelVersion.Response.newBuilder())
                .getModelVersion();
    }

    @Test
    void theWholeWorkflowThroughMlflowsClient() throws Exception {
        ModelRegistry.RegisteredModel created = parse(client.sendPost("registered-models/create",
                "{\"name\":\"fraud\",\"description\":\"fraud model\",\"tags\":[{\"key\":\"owner\",\"value\":\"risk\"}]}"),
                ModelRegistry.CreateRegisteredModel.Response.newBuilder()).getRegisteredModel();
        assertThat(created.getName()).isEqualTo("fraud");
        assertThat(created.getUserId()).isEqualTo("contributor");
        assertThat(created.getCreationTimestamp()).isEqualTo(t.clock.instant().toEpochMilli());
        assertThat(created.getTags(0).getKey()).isEqualTo("owner");

        ModelRegistry.ModelVersion v1 = createVersion("fraud", "s3://b/fraud/1", "");
        ModelRegistry.ModelVersion v2 = createVersion("fraud", "s3://b/fraud/2",
                ",{\"key\":\"regent.digest\",\"value\":\"" + DIGEST + "\"}");
        assertThat(v1.getVersion()).isEqualTo("1");
        assertThat(v1.getStatus()).isEqualTo(ModelRegistry.ModelVersionStatus.READY);
        assertThat(v1.getCurrentStage()).isEqualTo("None");
        assertThat(v1.getRunLink()).isEqualTo("http://runs/1");
        assertThat(v1.getTagsList()).extracting(ModelRegistry.ModelVersionTag::getKey).containsExactly("team");
        assertThat(v2.getTagsList()).extracting(ModelRegistry.ModelVersionTag::getValue).contains(DIGEST);

        // typed reads
        assertThat(client.getModelVersion("fraud", "2").getSource()).isEqualTo("s3://b/fraud/2");
        assertThat(client.getModelVersionDownloadUri("fraud", "1")).isEqualTo("s3://b/fraud/1");
        assertThat(client.getRegisteredModel("fraud").getLatestVersionsList()).extracting(ModelRegistry.ModelVersion::getVersion)
                .containsExactly("2");

        // stages: Staging is ungated here; Production needs a digest, which version 1 lacks
        ModelRegistry.ModelVersion staged = parse(client.sendPost("model-versions/transition-stage",
                "{\"name\":\"fraud\",\"version\":\"1\",\"stage\":\"Staging\",\"archive_existing_versions\":false}"),
                ModelRegistry.TransitionModelVersionStage.Response.newBuilder()).getModelVersion();
        assertThat(staged.getCurrentStage()).isEqualTo("Staging");
        assertThatThrownBy(() -> client.sendPost("model-versions/transition-stage",
                "{\"name\":\"fraud\",\"version\":\"1\",\"stage\":\"Production\",\"archive_existing_versions\":true}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getBodyMessage()).contains("\"error_code\":\"PERMISSION_DENIED\"")
                            .contains("no artifact digest is recorded").contains("regent.digest");
                });
        assertThat(client.getModelVersion("fraud", "1").getCurrentStage()).isEqualTo("Staging");
        parse(client.sendPost("model-versions/transition-stage",
                "{\"name\":\"fraud\",\"version\":\"2\",\"stage\":\"production\",\"archive_existing_versions\":true}"),
                ModelRegistry.TransitionModelVersionStage.Response.newBuilder());
        assertThat(client.getLatestVersions("fraud", List.of("Production"))).extracting(ModelRegistry.ModelVersion::getVersion)
                .containsExactly("2");
        assertThat(client.getLatestVersions("fraud", List.of("Archived"))).isEmpty();
        assertThat(client.getLatestVersions("fraud")).hasSize(2);

        // tags, description, aliases
        client.sendPost("model-versions/set-tag", "{\"name\":\"fraud\",\"version\":\"1\",\"key\":\"k\",\"value\":\"v\"}");
        client.sendPost("registered-models/set-tag", "{\"name\":\"fraud\",\"key\":\"tier\",\"value\":\"gold\"}");
        parse(client.sendPatch("model-versions/update", "{\"name\":\"fraud\",\"version\":\"1\",\"description\":\"new\"}"),
                ModelRegistry.UpdateModelVersion.Response.newBuilder());
        parse(client.sendPatch("registered-models/update", "{\"name\":\"fraud\",\"description\":\"newer\"}"),
                ModelRegistry.UpdateRegisteredModel.Response.newBuilder());
        client.sendPost("registered-models/alias", "{\"name\":\"fraud\",\"alias\":\"champion\",\"version\":\"2\"}");
        ModelRegistry.ModelVersion byAlias = parse(client.sendGet("registered-models/alias?name=fraud&alias=champion"),
                ModelRegistry.GetModelVersionByAlias.Response.newBuilder()).getModelVersion();
        assertThat(byAlias.getVersion()).isEqualTo("2");
        assertThat(byAlias.getAliasesList()).containsExactly("champion");
        ModelRegistry.RegisteredModel model = client.getRegisteredModel("fraud");
        assertThat(model.getDescription()).isEqualTo("newer");
        assertThat(model.getAliases(0).getAlias()).isEqualTo("champion");
        assertThat(model.getTagsList()).extracting(ModelRegistry.RegisteredModelTag::getKey).containsExactly("owner", "tier");
        assertThat(client.getModelVersion("fraud", "1").getTagsList()).extracting(ModelRegistry.ModelVersionTag::getKey)
                .containsExactly("k", "team");

        // the digest is immutable
        assertThatThrownBy(() -> client.sendPost("model-versions/set-tag",
                "{\"name\":\"fraud\",\"version\":\"1\",\"key\":\"regent.digest\",\"value\":\"" + DIGEST + "\"}"))
                .hasMessageContaining("INVALID_PARAMETER_VALUE");

        // rename: versions, stages and aliases follow; the old name is gone; a taken name is refused MLflow's way
        ModelRegistry.RegisteredModel renamed = parse(client.sendPost("registered-models/rename",
                "{\"name\":\"fraud\",\"new_name\":\"fraud2\"}"),
                ModelRegistry.RenameRegisteredModel.Response.newBuilder()).getRegisteredModel();
        assertThat(renamed.getName()).isEqualTo("fraud2");
        assertThat(renamed.getAliases(0).getAlias()).isEqualTo("champion");
        assertThat(client.getLatestVersions("fraud2", List.of("Production"))).extracting(ModelRegistry.ModelVersion::getName)
                .containsExactly("fraud2");
        assertThatThrownBy(() -> client.getRegisteredModel("fraud"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        client.sendPost("registered-models/create", "{\"name\":\"taken\"}");
        assertThatThrownBy(() -> client.sendPost("registered-models/rename", "{\"name\":\"fraud2\",\"new_name\":\"taken\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS").contains("already exists");
                });
        assertThatThrownBy(() -> client.sendPost("registered-models/rename", "{\"name\":\"nope\",\"new_name\":\"nope2\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> assertThat(e.getStatusCode()).isEqualTo(404));
        parse(client.sendPost("registered-models/rename", "{\"name\":\"fraud2\",\"new_name\":\"fraud\"}"),
                ModelRegistry.RenameRegisteredModel.Response.newBuilder());
        assertThat(client.getModelVersion("fraud", "2").getCurrentStage()).isEqualTo("Production");

        // soft delete: a version in Staging cannot go; once archived it can, and it disappears from reads
        HttpResponse<String> refused = t.send("DELETE", "/api/2.0/mlflow/model-versions/delete", "contributor",
                "{\"name\":\"fraud\",\"version\":\"1\"}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"error_code\":\"INVALID_STATE\"");
        client.sendPost("model-versions/transition-stage",
                "{\"name\":\"fraud\",\"version\":\"1\",\"stage\":\"Archived\",\"archive_existing_versions\":false}");
        HttpResponse<String> deleted = t.send("DELETE", "/api/2.0/mlflow/model-versions/delete", "contributor",
                "{\"name\":\"fraud\",\"version\":\"1\"}");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        assertThatThrownBy(() -> client.getModelVersion("fraud", "1"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                });
        assertThat(client.searchModelVersions("name='fraud'").getItems()).extracting(ModelRegistry.ModelVersion::getVersion)
                .containsExactly("2");
        // kept for audit: the native history still has the deleted version's transitions
        assertThat(t.get("/api/v1/models/fraud/history", "viewer").body()).contains("\"version\":1");
    }

    @Test
    void searchFiltersOrdersAndPagesAcrossPages() throws Exception {
        client.sendPost("registered-models/create", "{\"name\":\"pager\"}");
        for (int i = 1; i <= 5; i++) {
            createVersion("pager", "s3://b/pager/" + i, "");
        }
        ModelVersionsPage first = client.searchModelVersions("name = 'pager'", 2, List.of());
        assertThat(first.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("5", "4");
        assertThat(first.hasNextPage()).isTrue();
        ModelVersionsPage second = (ModelVersionsPage) first.getNextPage();
        assertThat(second.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("3", "2");
        ModelVersionsPage third = (ModelVersionsPage) second.getNextPage();
        assertThat(third.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("1");
        assertThat(third.hasNextPage()).isFalse();
        assertThat(client.searchModelVersions("name='pager' AND version_number >= 4", 10, List.of("version_number ASC"))
                .getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("4", "5");
        assertThat(client.searchModelVersions("source_path LIKE 's3://b/pager/%' AND run_id IN ('nope')").getItems()).isEmpty();
        client.sendPost("model-versions/set-tag", "{\"name\":\"pager\",\"version\":\"3\",\"key\":\"rank\",\"value\":\"Top\"}");
        assertThat(client.searchModelVersions("name = 'pager' AND tags.`rank` ILIKE 'top'").getItems())
                .extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("3");
        assertThat(client.searchModelVersions("name = 'pager' AND tag.rank LIKE 'top'").getItems()).isEmpty();
        assertThat(client.searchModelVersions("name = 'pager' AND tags.team != 'risk'").getItems()).isEmpty();
        // the test server's clock stands still: equal creation times fall back to MLflow's tie-break (number descending)
        ModelVersionsPage byCreation = client.searchModelVersions("name = 'pager' AND version_number < 4", 2,
                List.of("creation_timestamp ASC"));
        assertThat(byCreation.getItems()).extracting(ModelRegistry.ModelVersion::getVersion).containsExactly("3", "2");
        assertThat(((ModelVersionsPage) byCreation.getNextPage()).getItems()).extracting(ModelRegistry.ModelVersion::getVersion)
                .containsExactly("1");

        ModelRegistry.SearchRegisteredModels.Response models = parse(client.sendGet(
                "registered-models/search?filter=name%20ILIKE%20%27PAG%25%27&max_results=1"),
                ModelRegistry.SearchRegisteredModels.Response.newBuilder()).build();
        assertThat(models.getRegisteredModelsList()).extracting(ModelRegistry.RegisteredModel::getName).containsExactly("pager");

        assertThatThrownBy(() -> client.searchModelVersions("name = 'a' OR name = 'b'"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE").contains("OR is not supported");
                });
        HttpResponse<String> tooMany = t.get("/api/2.0/mlflow/registered-models/search?max_results=1001", "viewer");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        HttpResponse<String> forged = t.get("/api/2.0/mlflow/model-versions/search?page_token=abc", "viewer");
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(forged.body()).contains("INVALID_PARAMETER_VALUE");
    }

    @Test
    void bearerAndBasicAuthenticationAndMlflowShapedRefusals() throws Exception {
        String token = t.tokens.get("viewer");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("viewer:" + token).getBytes());
        String anyUser = "Basic " + Base64.getEncoder().encodeToString((":" + token).getBytes());
        String wrongUser = "Basic " + Base64.getEncoder().encodeToString(("admin:" + token).getBytes());
        String path = "/api/2.0/mlflow/registered-models/search";
        assertThat(t.send("GET", path, null, null, "Authorization", basic).statusCode()).isEqualTo(200);
        assertThat(t.send("GET", "/ajax-api/2.0/mlflow/registered-models/search", null, null, "Authorization", anyUser)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> mismatch = t.send("GET", path, null, null, "Authorization", wrongUser);
        assertThat(mismatch.statusCode()).isEqualTo(401);
        HttpResponse<String> none = t.get(path, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).startsWith("{\"error_code\":\"UNAUTHENTICATED\",\"message\":");
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).contains("Basic");
        // basic credentials stay an MLflow-surface convenience: the native API wants bearer tokens
        assertThat(t.send("GET", "/api/v1/models", null, null, "Authorization", basic).statusCode()).isEqualTo(401);

        MlflowClient viaBasic = new MlflowClient(new BasicMlflowHostCreds("http://127.0.0.1:" + t.port, "viewer", token));
        assertThatThrownBy(() -> viaBasic.sendPost("registered-models/create", "{\"name\":\"nope\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(403);
                    assertThat(e.getBodyMessage()).contains("PERMISSION_DENIED");
                });
        viaBasic.close();

        client.sendPost("registered-models/create", "{\"name\":\"dup\"}");
        assertThatThrownBy(() -> client.sendPost("registered-models/create", "{\"name\":\"dup\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
                });
        assertThatThrownBy(() -> client.getModelVersion("dup", "one")).hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> client.sendPost("registered-models/alias", "{\"name\":\"dup\",\"alias\":\"latest\",\"version\":\"1\"}"))
                .hasMessageContaining("reserved");
        HttpResponse<String> unknown = t.get("/api/2.0/mlflow/experiments/search", "viewer");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("ENDPOINT_NOT_FOUND");
    }
}
