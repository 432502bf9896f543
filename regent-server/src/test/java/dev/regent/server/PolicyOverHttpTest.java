package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 over HTTP, under the built-in policy: moving an alias through the native API or MLflow's
 * set_registered_model_alias passes Production's gates (a refusal in MLflow's error format lists each failing
 * gate); the policy is read, listed and applied through /api/v1/policy (admins only), and gate decisions after an
 * apply use the new revision.
 */
class PolicyOverHttpTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"churn\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/churn/versions", "contributor",
                "{\"source\":\"s3://b/churn/1\",\"digest\":\"sha256:" + "a".repeat(64) + "\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    @Test
    void mlflowsSetAliasOnAnUngovernedVersionIsRefusedWithEachFailingGate() {
        HttpResponse<String> refused = t.post("/api/2.0/mlflow/registered-models/alias", "contributor",
                "{\"name\":\"churn\",\"alias\":\"champion\",\"version\":\"1\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode error = t.tree(refused);
        assertThat(error.get("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        assertThat(error.get("message").asText()).contains("gate eval_report").contains("gate model_card")
                .contains("gate approvals").contains("gated like Production");
        HttpResponse<String> get = t.get("/api/2.0/mlflow/registered-models/alias?name=churn&alias=champion", "viewer");
        // the alias was not set: MLflow's answer for an unknown alias
        assertThat(get.statusCode()).isEqualTo(400);
        assertThat(t.tree(get).get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
    }

    @Test
    void theNativeAliasCallIsGatedTooAndTheGatesReadSaysWhichPolicyRevision() {
        HttpResponse<String> refused = t.send("PUT", "/api/v1/models/churn/aliases/champion", "contributor",
                "{\"version\":1,\"reason\":\"deploy\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(t.tree(refused).at("/error/code").asText()).isEqualTo("GATE_FAILED");
        JsonNode gates = t.tree(t.get("/api/v1/models/churn/versions/1/gates?target=champion", "viewer"));
        assertThat(gates.get("passed").asBoolean()).isFalse();
        assertThat(gates.at("/gates/0/gate").asText()).isEqualTo("policy in effect");
        assertThat(gates.at("/gates/0/detail").asText()).containsPattern("revision [0-9]+ \\(sha256:").contains("gated like Production");
        // a stage abbreviated is not taken for an alias
        HttpResponse<String> prod = t.get("/api/v1/models/churn/versions/1/gates?target=prod", "viewer");
        assertThat(prod.statusCode()).isEqualTo(400);
        assertThat(prod.body()).contains("looks like the stage Production");
    }

    @Test
    void thePolicyIsReadListedAndAppliedByAdminsOnly() {
        JsonNode current = t.tree(t.get("/api/v1/policy", "viewer"));
        int revision = current.at("/revision/revision").asInt();
        assertThat(current.at("/revision/yaml").asText()).contains("default:");
        assertThat(current.get("undeclared_aliases").toString()).contains("approvals");
        String body = "{\"yaml\":\"version: 1\\ndefault:\\n  aliases:\\n    \\\"canary-*\\\": []\\n\",\"source\":\"canary.yaml\","
                + "\"reason\":\"canaries follow no gates\"}";
        HttpResponse<String> denied = t.post("/api/v1/policy", "approver", body);
        assertThat(denied.statusCode()).isEqualTo(403);
        HttpResponse<String> dry = t.post("/api/v1/policy?dry_run=true", "admin", body);
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(t.tree(dry).get("outcome").asText()).isEqualTo("PLANNED");
        assertThat(dry.body()).contains("+ default.aliases.canary-*: no gates").contains("churn/1 for Production: fails -> passes");
        assertThat(t.tree(t.get("/api/v1/policy", "viewer")).at("/revision/revision").asInt()).isEqualTo(revision);
        HttpResponse<String> applied = t.post("/api/v1/policy", "admin", body);
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
        JsonNode history = t.tree(t.get("/api/v1/policy/revisions", "viewer"));
        JsonNode last = history.get("revisions").get(history.get("revisions").size() - 1);
        assertThat(last.get("revision").asInt()).isEqualTo(revision + 1);
        assertThat(last.get("applied_by").asText()).isEqualTo("admin");
        assertThat(last.get("reason").asText()).isEqualTo("canaries follow no gates");
        assertThat(t.tree(t.get("/api/v1/policy/revisions/" + (revision + 1), "viewer")).get("yaml").asText()).contains("canary-*");
        assertThat(t.get("/api/v1/policy/revisions/999", "viewer").statusCode()).isEqualTo(404);
        assertThat(t.get("/api/v1/policy/revisions/x", "viewer").statusCode()).isEqualTo(400);
        // now no gates at all: an alias moves, and its audit entry names the revision that allowed it
        assertThat(t.send("PUT", "/api/v1/models/churn/aliases/canary-1", "contributor", "{\"version\":1,\"reason\":\"try\"}")
                .statusCode()).isEqualTo(200);
        assertThat(t.get("/api/v1/audit?model=churn", "viewer").body()).contains("\"policy_revision\":\"" + (revision + 1) + "\"");
        // back to the earlier revision, as a new one
        HttpResponse<String> back = t.post("/api/v1/policy", "admin", "{\"revision\":" + revision + ",\"reason\":\"undo\"}");
        assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        assertThat(t.tree(t.get("/api/v1/policy", "viewer")).at("/revision/digest").asText())
                .isEqualTo(current.at("/revision/digest").asText());
        HttpResponse<String> bad = t.post("/api/v1/policy", "admin", "{\"yaml\":\"default: {stages: {Prod: []}}\",\"reason\":\"x\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
    }

    @Test
    void aWhatIfEvaluatesAPolicyThatIsNotInEffect() {
        HttpResponse<String> whatIf = t.post("/api/v1/models/churn/versions/1/gates/what-if", "viewer",
                "{\"target\":\"Production\",\"yaml\":\"version: 1\",\"source\":\"nothing.yaml\"}");
        assertThat(whatIf.statusCode()).as(whatIf.body()).isEqualTo(200);
        assertThat(t.tree(whatIf).get("passed").asBoolean()).isTrue();
        assertThat(whatIf.body()).contains("policy NOT in effect");
    }
}
