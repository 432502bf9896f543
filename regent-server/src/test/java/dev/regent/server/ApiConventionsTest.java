package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.audit.AuditQuery;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency keys, ETag/If-Match, limits, pagination, dry runs and field rules, against a real server. */
class ApiConventionsTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"base\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    private static int auditSize() {
        return t.registry.governance().audit(TestServer.ADMIN, AuditQuery.all(10_000)).size();
    }

    private static int versionCount(String model) {
        return t.registry.versions(TestServer.ADMIN, dev.regent.core.model.ModelName.of(model), 0, 1000).size();
    }

    /** Issue 17, finding 6: API HTML was served without a CSP, and no answer said nosniff. */
    @Test
    void everyAnswerSaysNosniffAndApiHtmlRunsNothing() {
        java.util.function.Function<HttpResponse<String>, String> nosniff = r -> r.headers().firstValue("X-Content-Type-Options").orElse("");
        assertThat(nosniff.apply(t.get("/api/v1/models", "viewer"))).isEqualTo("nosniff");
        assertThat(nosniff.apply(t.get("/api/v1/models", null))).isEqualTo("nosniff");
        assertThat(nosniff.apply(t.get("/api/v1/no-such-route", "viewer"))).isEqualTo("nosniff");
        assertThat(nosniff.apply(t.get("/api/2.0/mlflow/registered-models/search", "viewer"))).isEqualTo("nosniff");
        assertThat(nosniff.apply(t.get("/health", null))).isEqualTo("nosniff");
        t.post("/api/v1/models", "contributor", "{\"name\":\"carded\"}");
        t.post("/api/v1/models/carded/versions", "contributor", "{\"source\":\"s3://b/carded/1\"}");
        assertThat(t.send("PUT", "/api/v1/models/carded/versions/1/card", "contributor",
                "{\"intended_use\":\"x <script>alert(1)</script>\"}").statusCode()).isBetween(200, 201);
        HttpResponse<String> html = t.get("/api/v1/models/carded/versions/1/card?format=html", "viewer");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'")
                .contains("sandbox");
        assertThat(nosniff.apply(html)).isEqualTo("nosniff");
    }

    @Test
    void idempotencyReplaysTheFirstResponseAndRefusesAChangedBody() {
        HttpResponse<String> first = t.post("/api/v1/models", "contributor", "{\"name\":\"idem-a\"}", "Idempotency-Key", "k-1");
        HttpResponse<String> again = t.post("/api/v1/models", "contributor", "{\"name\":\"idem-a\"}", "Idempotency-Key", "k-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        HttpResponse<String> changed = t.post("/api/v1/models", "contributor", "{\"name\":\"idem-b\"}", "Idempotency-Key", "k-1");
        assertThat(changed.statusCode()).isEqualTo(422);
        assertThat(t.tree(changed).at("/error/code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(t.get("/api/v1/models/idem-b", "contributor").statusCode()).isEqualTo(404);
        // keys are per caller: another principal's same key is a new request
        assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"idem-c\"}", "Idempotency-Key", "k-1").statusCode()).isEqualTo(201);
    }

    @Test
    void concurrentDuplicatesCreateExactlyOneVersion() throws Exception {
        int before = versionCount("base");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Integer> call = () -> t.post("/api/v1/models/base/versions", "contributor",
                        "{\"source\":\"s3://bucket/base/concurrent\"}", "Idempotency-Key", "concurrent-1").statusCode();
                results.add(pool.submit(call));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            // 409 while the first is in flight, 201 (a replay) after it: both are right, and either may not occur
            // (containsOnly would demand both, so an all-replay run failed); what matters is one version below
            assertThat(statuses).allMatch(s -> s == 201 || s == 409, "201 or 409").contains(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(versionCount("base")).isEqualTo(before + 1);
    }

    @Test
    void ifMatchIsRequiredAndChecked() {
        t.post("/api/v1/models", "contributor", "{\"name\":\"etag-m\"}");
        HttpResponse<String> read = t.get("/api/v1/models/etag-m", "viewer");
        String etag = read.headers().firstValue("ETag").orElseThrow();
        String patch = "{\"description\":\"new text\"}";
        HttpResponse<String> missing = t.send("PATCH", "/api/v1/models/etag-m", "contributor", patch);
        assertThat(missing.statusCode()).isEqualTo(428);
        assertThat(t.tree(missing).at("/error/code").asText()).isEqualTo("PRECONDITION_REQUIRED");
        HttpResponse<String> wrong = t.send("PATCH", "/api/v1/models/etag-m", "contributor", patch, "If-Match", "\"0000\"");
        assertThat(wrong.statusCode()).isEqualTo(412);
        HttpResponse<String> ok = t.send("PATCH", "/api/v1/models/etag-m", "contributor", patch, "If-Match", etag);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(t.tree(ok).get("outcome").asText()).isEqualTo("APPLIED");
        String newEtag = ok.headers().firstValue("ETag").orElseThrow();
        assertThat(newEtag).isNotEqualTo(etag);
        assertThat(t.send("PATCH", "/api/v1/models/etag-m", "contributor", patch, "If-Match", etag).statusCode()).isEqualTo(412);
        assertThat(t.get("/api/v1/models/etag-m", "viewer").headers().firstValue("ETag")).contains(newEtag);
        // versions too
        t.post("/api/v1/models/etag-m/versions", "contributor", "{\"source\":\"s3://b/e/1\"}");
        String vtag = t.get("/api/v1/models/etag-m/versions/1", "viewer").headers().firstValue("ETag").orElseThrow();
        assertThat(t.send("PATCH", "/api/v1/models/etag-m/versions/1", "contributor", patch).statusCode()).isEqualTo(428);
        assertThat(t.send("PATCH", "/api/v1/models/etag-m/versions/1", "contributor", patch, "If-Match", vtag).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aDeeplyNestedDocumentIsRefusedAtOnceAndChangesNothing() {
        int audit = auditSize();
        String deep = "{\"name\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        long start = System.nanoTime();
        HttpResponse<String> r = t.post("/api/v1/models", "contributor", deep);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(t.tree(r).at("/error/code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(t.tree(r).at("/error/message").asText()).contains("nesting depth");
        assertThat(millis).isLessThan(2000);
        assertThat(auditSize()).isEqualTo(audit);
    }

    @Test
    void aHundredMegabyteBodyIsRefusedWithoutBeingRead() throws Exception {
        int audit = auditSize();
        long start = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", t.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + t.tokens.get("contributor")
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (100L << 20) + "\r\n\r\n{\"name\":\"huge\"")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(3000);
        assertThat(auditSize()).isEqualTo(audit);
        assertThat(t.get("/api/v1/models/huge", "viewer").statusCode()).isEqualTo(404);
    }

    @Test
    void serverOwnedAndUnknownFieldsAreRefusedByName() {
        HttpResponse<String> owned = t.post("/api/v1/models", "contributor", "{\"name\":\"own\",\"created_by\":\"mallory\"}");
        assertThat(owned.statusCode()).isEqualTo(400);
        assertThat(t.tree(owned).at("/error/message").asText()).contains("'created_by' is set by the server");
        HttpResponse<String> stage = t.post("/api/v1/models/base/versions", "contributor",
                "{\"source\":\"s3://b/x\",\"stage\":\"Production\"}");
        assertThat(stage.statusCode()).isEqualTo(400);
        assertThat(t.tree(stage).at("/error/message").asText()).contains("'stage' is set by the server");
        HttpResponse<String> unknown = t.post("/api/v1/models", "contributor", "{\"name\":\"own\",\"colour\":\"red\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(t.tree(unknown).at("/error/message").asText()).contains("colour");
        HttpResponse<String> badType = t.post("/api/v1/models/base/versions", "contributor",
                "{\"source\":\"s3://b/x\",\"metrics\":{\"auc\":\"high\"}}");
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(t.tree(badType).at("/error/message").asText()).contains("metrics");
        assertThat(t.post("/api/v1/models", "contributor", "{not json").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/models/own", "viewer").statusCode()).isEqualTo(404);
    }

    @Test
    void dryRunChangesNothing() {
        int audit = auditSize();
        HttpResponse<String> r = t.post("/api/v1/models?dry_run=true", "contributor", "{\"name\":\"dry\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode report = t.tree(r);
        assertThat(report.get("outcome").asText()).isEqualTo("PLANNED");
        assertThat(report.get("changes")).isEmpty();
        assertThat(report.has("plan") && report.has("verification") && report.has("rollback") && report.has("summary")).isTrue();
        assertThat(t.get("/api/v1/models/dry", "viewer").statusCode()).isEqualTo(404);
        assertThat(t.send("DELETE", "/api/v1/models/base?dry_run=true&reason=try", "contributor", null).statusCode()).isEqualTo(200);
        assertThat(t.get("/api/v1/models/base", "viewer").statusCode()).isEqualTo(200);
        assertThat(auditSize()).isEqualTo(audit);
    }

    @Test
    void pagesWalkEveryModelOnceAndForgedTokensAreRefused() {
        for (int i = 0; i < 23; i++) {
            t.post("/api/v1/models", "contributor", "{\"name\":\"page-" + String.format("%02d", i) + "\"}");
        }
        List<String> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            HttpResponse<String> r = t.get("/api/v1/models?page_size=7" + (token == null ? "" : "&page_token=" + token), "viewer");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode page = t.tree(r);
            page.get("models").forEach(m -> seen.add(m.get("name").asText()));
            token = page.has("next_page_token") ? page.get("next_page_token").asText() : null;
            pages++;
        } while (token != null && pages < 100);
        List<String> all = t.registry.models(TestServer.ADMIN, null, 1000).stream().map(m -> m.name().value()).toList();
        assertThat(seen).containsExactlyElementsOf(all);

        String valid = t.tree(t.get("/api/v1/models?page_size=2", "viewer")).get("next_page_token").asText();
        String forged = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        String foreign = t.tree(t.get("/api/v1/audit?page_size=1", "viewer")).get("next_page_token").asText();
        for (String bad : List.of(forged, valid.substring(0, valid.length() / 2), "garbage", foreign)) {
            HttpResponse<String> r = t.get("/api/v1/models?page_token=" + bad, "viewer");
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(t.tree(r).at("/error/code").asText()).isEqualTo("INVALID_ARGUMENT");
        }
        assertThat(t.get("/api/v1/models?page_size=0", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/models?page_size=1001", "viewer").statusCode()).isEqualTo(400);
        assertThat(t.get("/api/v1/models?page_size=1000", "viewer").statusCode()).isEqualTo(200);
    }

    @Test
    void healthReadyMetricsAndTheDocumentAreServedWithoutATokenAndUnknownRoutesAreJson404s() throws Exception {
        assertThat(t.get("/health", null).body()).contains("ok");
        assertThat(t.get("/ready", null).statusCode()).isEqualTo(200);
        assertThat(t.get("/api/v1/openapi.json", null).body()).isEqualTo(dev.regent.api.OpenApiDocument.text());
        t.get("/api/v1/models", "viewer");
        String metrics = t.get("/metrics", null).body();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("route=\"/api/v1/models\"")
                .contains("regent_gate_refusals_total").contains("regent_transitions_total")
                // what docs/operations.md tells operators to alert on
                .contains("regent_storage_free_bytes ").contains("regent_audit_incident 0.0")
                .contains("regent_audit_checkpoint_entries ").contains("regent_audit_checkpoint_age_seconds ")
                .contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
        t.audit.signNow();
        assertThat(t.get("/metrics", null).body()).doesNotContain("regent_audit_checkpoint_age_seconds NaN")
                .doesNotContain("regent_audit_checkpoint_entries 0.0");
        HttpResponse<String> nowhere = t.get("/api/v1/nowhere", "viewer");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(t.tree(nowhere).at("/error/code").asText()).isEqualTo("NOT_FOUND");
    }
}
