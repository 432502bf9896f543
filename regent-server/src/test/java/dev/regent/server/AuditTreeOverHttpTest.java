package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.merkle.ConsistencyProof;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.merkle.TreeHasher;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit tree over HTTP: signing on demand, the latest checkpoint, the key, and proofs an outsider can check. */
class AuditTreeOverHttpTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    private static void appendModels(String prefix, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"" + prefix + i + "\"}").statusCode()).isEqualTo(201);
        }
    }

    private static List<Hash> hashes(JsonNode path) {
        List<Hash> out = new ArrayList<>();
        path.forEach(h -> out.add(Hash.ofBase64(h.asText())));
        return out;
    }

    @Test
    void checkpointsAndProofsVerifyWithThePublishedKey() {
        appendModels("a", 3);
        HttpResponse<String> keyResponse = t.get("/api/v1/audit/key", "viewer");
        assertThat(keyResponse.statusCode()).isEqualTo(200);
        VerifierKey key = VerifierKey.parse(t.tree(keyResponse).get("verifier_key").asText());
        assertThat(t.tree(keyResponse).get("key_id").asText()).isEqualTo(key.keyIdHex());

        assertThat(t.post("/api/v1/audit/checkpoint", "viewer", null).statusCode()).isEqualTo(403);
        assertThat(t.post("/api/v1/audit/checkpoint", null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> first = t.post("/api/v1/audit/checkpoint", "admin", null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        Checkpoint c1 = SignedCheckpoints.open(first.body(), key);

        appendModels("b", 4);
        HttpResponse<String> second = t.post("/api/v1/audit/checkpoint?format=json", "admin", null);
        assertThat(second.statusCode()).isEqualTo(200);
        JsonNode c2json = t.tree(second);
        Checkpoint c2 = SignedCheckpoints.open(c2json.get("note").asText(), key);
        assertThat(c2.size()).isEqualTo(c2json.get("size").asLong()).isGreaterThan(c1.size());
        assertThat(c2.root().base64()).isEqualTo(c2json.get("root").asText());
        assertThat(c2json.get("origin").asText()).isEqualTo(key.name());

        // the latest, as text and as JSON, for any authenticated principal
        HttpResponse<String> latest = t.get("/api/v1/audit/checkpoint", "viewer");
        assertThat(latest.statusCode()).isEqualTo(200);
        assertThat(latest.body()).isEqualTo(c2json.get("note").asText());
        HttpResponse<String> latestJson = t.send("GET", "/api/v1/audit/checkpoint", "viewer", null, "Accept", "application/json");
        assertThat(t.tree(latestJson).get("size").asLong()).isEqualTo(c2.size());
        assertThat(t.get("/api/v1/audit/checkpoint", null).statusCode()).isEqualTo(401);

        // inclusion of entry 2 in the second checkpoint, checked against the entry itself
        AuditEntry entry = t.registry.governance().audit(TestServer.ADMIN, new AuditQuery(null, 1, 1)).get(0);
        assertThat(entry.seq()).isEqualTo(2);
        JsonNode inc = t.tree(t.get("/api/v1/audit/proofs/inclusion?entry=2&size=" + c2.size(), "viewer"));
        assertThat(inc.get("leaf_index").asLong()).isEqualTo(1);
        assertThat(inc.get("root").asText()).isEqualTo(c2.root().base64());
        InclusionProof proof = new InclusionProof(1, c2.size(), hashes(inc.get("path")));
        byte[] bytes = t.store.read(tx -> tx.auditBytes(1, 1)).get(0).bytes();
        assertThat(dev.regent.core.audit.AuditDecoding.decode(bytes).entry()).isEqualTo(entry);
        assertThat(proof.verifies(TreeHasher.leaf(bytes), c2.root())).isTrue();

        // consistency between the two checkpoints
        JsonNode con = t.tree(t.get("/api/v1/audit/proofs/consistency?from=" + c1.size() + "&to=" + c2.size(), "contributor"));
        assertThat(con.get("root1").asText()).isEqualTo(c1.root().base64());
        assertThat(new ConsistencyProof(c1.size(), c2.size(), hashes(con.get("path"))).verifies(c1.root(), c2.root())).isTrue();
    }

    @Test
    void badProofRequestsAreInvalidArguments() {
        appendModels("c", 1);
        assertThat(t.get("/api/v1/audit/proofs/inclusion", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/proofs/inclusion?entry=x", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/proofs/inclusion?entry=0", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/proofs/inclusion?entry=1&size=999999", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/proofs/consistency?from=2&to=1", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/proofs/consistency?from=1", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.post("/api/v1/audit/checkpoint?dry_run=true", "admin", null).statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/audit/checkpoint?format=xml", "viewer").statusCode()).isIn(400, 404);
    }
}
