package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tokens, separation of duties between real identities, and gate refusals as they reach HTTP clients. */
class GovernanceOverHttpTest {
    private static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - approvals: { count: 1, roles: [approver] }
            """;
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(POLICY);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"fraud\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    @Test
    void tokensExpireAndCanBeRevoked() {
        HttpResponse<String> created = t.post("/api/v1/tokens", "admin",
                "{\"principal\":\"viewer\",\"expires_in\":\"PT1H\",\"description\":\"ci\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = t.tree(created);
        String secret = body.get("token").asText();
        assertThat(secret).startsWith("rgt_");
        assertThat(body.get("expires_at").asText()).isEqualTo("2026-01-01T01:00:00Z");
        assertThat(body.at("/report/outcome").asText()).isEqualTo("APPLIED");
        assertThat(t.get("/api/v1/whoami", secret).body()).contains("\"name\":\"viewer\"");
        assertThat(t.get("/api/v1/tokens?principal=viewer", "admin").body()).doesNotContain(secret);

        t.clock.advance(Duration.ofHours(2));
        HttpResponse<String> expired = t.get("/api/v1/whoami", secret);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");

        JsonNode own = t.tree(t.post("/api/v1/tokens", "viewer", "{}"));
        String other = own.get("token").asText();
        String id = own.get("id").asText();
        assertThat(t.get("/api/v1/tokens", "viewer").body()).contains(id);
        assertThat(t.get("/api/v1/whoami", other).statusCode()).isEqualTo(200);
        assertThat(t.send("DELETE", "/api/v1/tokens/" + id, "viewer", null).statusCode()).isEqualTo(200);
        assertThat(t.get("/api/v1/whoami", other).statusCode()).isEqualTo(401);
    }

    @Test
    void aReplayedTokenCreationNeverRepeatsTheSecret() {
        HttpResponse<String> first = t.post("/api/v1/tokens", "approver", "{}", "Idempotency-Key", "tok-key");
        HttpResponse<String> replay = t.post("/api/v1/tokens", "approver", "{}", "Idempotency-Key", "tok-key");
        assertThat(t.tree(first).get("token").asText()).startsWith("rgt_");
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(t.tree(replay).get("token").isNull()).isTrue();
        assertThat(t.tree(replay).get("id").asText()).isEqualTo(t.tree(first).get("id").asText());
    }

    @Test
    void separationOfDutiesHoldsBetweenRealTokens() {
        // the creator may not approve their own version, even holding the approver role
        assertThat(t.post("/api/v1/models/fraud/versions", "approver2", "{\"source\":\"s3://b/fraud/1\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> self = t.post("/api/v1/models/fraud/versions/1/approvals", "approver2",
                "{\"target\":\"Production\",\"decision\":\"APPROVE\"}");
        assertThat(self.statusCode()).isBetween(400, 499);
        JsonNode selfError = t.tree(self);
        assertThat(selfError.at("/error/details/report/outcome").asText()).isEqualTo("REFUSED");
        assertThat(selfError.at("/error/details/report/plan/checks").toString()).contains("reviewer is not the creator");

        // another approver's approval counts, but not when that approver also requests the promotion
        assertThat(t.post("/api/v1/models/fraud/versions/1/approvals", "approver",
                "{\"target\":\"Production\",\"decision\":\"APPROVE\",\"comment\":\"looked good\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> byRequester = t.post("/api/v1/models/fraud/versions/1/promote", "approver",
                "{\"stage\":\"Production\",\"reason\":\"ship it\"}");
        assertThat(byRequester.statusCode()).isEqualTo(409);
        JsonNode refusal = t.tree(byRequester);
        assertThat(refusal.at("/error/code").asText()).isEqualTo("GATE_FAILED");
        assertThat(refusal.at("/error/details/report/refusal").asText()).isEqualTo("GATE_FAILED");
        assertThat(refusal.at("/error/details/report/plan/checks").toString()).contains("approvals");

        // a viewer cannot even ask
        assertThat(t.post("/api/v1/models/fraud/versions/1/promote", "viewer",
                "{\"stage\":\"Production\",\"reason\":\"ship it\"}").statusCode()).isEqualTo(403);

        HttpResponse<String> promoted = t.post("/api/v1/models/fraud/versions/1/promote", "contributor",
                "{\"stage\":\"Production\",\"reason\":\"ship it\"}");
        assertThat(promoted.statusCode()).isEqualTo(200);
        assertThat(t.tree(promoted).get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(t.tree(t.get("/api/v1/models/fraud/versions/1", "viewer")).get("stage").asText()).isEqualTo("Production");

        JsonNode approvals = t.tree(t.get("/api/v1/models/fraud/versions/1/approvals", "viewer")).get("approvals");
        assertThat(approvals.toString()).contains("\"principal\":\"approver\"").contains("\"asserted\":false");
        JsonNode history = t.tree(t.get("/api/v1/models/fraud/history", "viewer"));
        assertThat(history.get("transitions").get(0).get("actor").asText()).isEqualTo("contributor");
        String metrics = t.get("/metrics", null).body();
        assertThat(metrics).containsPattern("regent_gate_refusals_total [1-9]").containsPattern("regent_transitions_total [1-9]");
    }

    @Test
    void evidenceUploadsAreStreamedHashedAndServedBack() {
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"evid\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/evid/versions", "contributor", "{\"source\":\"s3://b/evid/1\"}").statusCode())
                .isEqualTo(201);
        String version = "1";
        String content = "{\"note\": \"bias checked on the 2025 holdout\"}";
        HttpResponse<String> up = t.send("POST", "/api/v1/models/evid/versions/" + version
                + "/evidence?kind=bias-report&summary=holdout", "contributor", null, "Content-Type", "application/octet-stream");
        assertThat(up.statusCode()).isBetween(400, 499); // an empty upload is refused by the core or the kind rules
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(t.uri("/api/v1/models/evid/versions/" + version
                        + "/evidence?kind=bias-report&summary=holdout"))
                .header("Authorization", "Bearer " + t.tokens.get("contributor"))
                .header("Content-Type", "application/octet-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(content)).build();
        HttpResponse<String> added;
        try {
            added = t.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String id = t.tree(added).get("changes").get(0).get("target").asText();
        JsonNode evidence = t.tree(t.get("/api/v1/evidence/" + id, "viewer"));
        assertThat(evidence.get("stored").asBoolean()).isTrue();
        assertThat(evidence.get("digest").asText()).isEqualTo(dev.regent.core.model.Digest.sha256Of(
                content.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value());
        assertThat(t.get("/api/v1/evidence/" + id + "/content", "viewer").body()).isEqualTo(content);
    }
}
