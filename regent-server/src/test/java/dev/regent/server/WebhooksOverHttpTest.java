package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.regent.core.webhook.RetrySchedule;
import dev.regent.server.webhook.Cidr;
import dev.regent.server.webhook.WebhookSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's done-when: a real receiver on 127.0.0.1 (allowed with --webhook-allow 127.0.0.1/32) gets a signed delivery
 * for each change of a governed lifecycle, in order, verifies every signature, and sees a redelivery after answering
 * 500; loopback without the allow, the metadata address and a name resolving to a private address are refused at
 * creation and at delivery; the event feed replays from any sequence number.
 */
class WebhooksOverHttpTest {
    private static final String POLICY = """
            version: 1
            default:
              stages:
                Production:
                  - approvals: { count: 1, roles: [approver] }
            """;
    private static TestServer t;
    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many of the next answers are 500. */
    private static final AtomicInteger failNext = new AtomicInteger();
    /** What "swap.example.test" resolves to: changed by a test between creation and delivery (DNS rebinding). */
    private static final AtomicReference<String> swapped = new AtomicReference<>("127.0.0.1");

    record Received(Map<String, List<String>> headers, byte[] body, int answered) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 204;
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        WebhookSettings settings = WebhookSettings.defaults(List.of(Cidr.parse("127.0.0.1/32")))
                .withRetries(new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofHours(72)))
                .withPoll(Duration.ofMillis(50)).withNode("test-node");
        t = TestServer.configured(POLICY, server -> server.webhooks(settings).webhookResolver(WebhooksOverHttpTest::resolve));
    }

    /** A resolver with the names these tests need; everything else as the system resolves it. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "private.example.test" -> new InetAddress[] {InetAddress.getByName("10.1.2.3")};
            case "mixed.example.test" -> new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("192.168.1.1")};
            case "swap.example.test" -> new InetAddress[] {InetAddress.getByName(swapped.get())};
            default -> InetAddress.getAllByName(host);
        };
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
        receiver.stop(0);
    }

    private static String hook() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    @Test
    void aGovernedLifecycleArrivesSignedInOrderWithARedeliveryAfter500() throws Exception {
        HttpResponse<String> created = t.post("/api/v1/webhooks", "admin",
                "{\"url\":\"" + hook() + "\",\"events\":[\"*\"],\"description\":\"deployments\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode c = t.tree(created);
        String secret = c.get("secret").asText();
        String id = c.get("id").asText();
        assertThat(secret).startsWith("whsec_");
        assertThat(c.at("/report/outcome").asText()).isEqualTo("APPLIED");
        assertThat(t.get("/api/v1/webhooks/" + id, "admin").body()).doesNotContain(secret);
        // the secret is not in the audit log either
        assertThat(t.get("/api/v1/audit?limit=1000", "admin").body()).contains("webhook.create").doesNotContain(secret);

        failNext.set(1);
        int before = received.size();
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"fraud\"}").statusCode()).isEqualTo(201);
        await(() -> received.size() == before + 1);
        assertThat(received.get(before).answered()).isEqualTo(500);
        // later changes of the same model wait for the first delivery (per-model order)
        assertThat(t.post("/api/v1/models/fraud/versions", "contributor", "{\"source\":\"s3://b/fraud/1\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/fraud/versions/1/promote", "contributor",
                "{\"stage\":\"Staging\",\"reason\":\"eval\"}").statusCode()).isEqualTo(200);
        Thread.sleep(300);
        assertThat(received.size()).isEqualTo(before + 1);
        // the retry falls due (the server's clock moves past the backoff): redelivered under the same id, then the rest
        t.clock.advance(Duration.ofSeconds(30));
        await(() -> received.size() >= before + 4);
        assertThat(received.get(before + 1).header("webhook-id")).isEqualTo(received.get(before).header("webhook-id"));

        assertThat(t.post("/api/v1/models/fraud/versions/1/approvals", "approver",
                "{\"target\":\"Production\",\"decision\":\"APPROVE\"}").statusCode()).isEqualTo(201);
        // a refused change is no event: promoting without the approver's sign-off for the alias is refused below
        HttpResponse<String> promoted = t.post("/api/v1/models/fraud/versions/1/promote", "contributor",
                "{\"stage\":\"Production\",\"reason\":\"ship\"}");
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        HttpResponse<String> refused = t.post("/api/v1/models/fraud/versions/1/promote", "contributor",
                "{\"stage\":\"Production\",\"reason\":\"again\"}");
        assertThat(t.post("/api/v1/models/fraud/versions", "contributor", "{\"source\":\"s3://b/fraud/2\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> ungated = t.post("/api/v1/models/fraud/versions/2/promote", "contributor",
                "{\"stage\":\"Production\",\"reason\":\"no approval\"}");
        assertThat(ungated.statusCode()).isBetween(400, 499);
        assertThat(t.post("/api/v1/models/fraud/rollback", "approver",
                "{\"stage\":\"Production\",\"reason\":\"bad canary\"}").statusCode()).isBetween(200, 499);

        List<String> expected = List.of("registered_model.created", "model_version.created", "model_version.stage_transitioned",
                "approval.given", "model_version.stage_transitioned", "model_version.created");
        await(() -> deliveredTypes(before).size() >= expected.size());
        List<Received> mine = received.subList(before + 1, received.size());
        assertThat(deliveredTypes(before).subList(0, expected.size())).isEqualTo(expected);
        long lastSeq = 0;
        for (Received r : mine) {
            assertThat(verifies(r, secret)).as("signature of " + r.header("webhook-id")).isTrue();
            JsonNode body = t.json.readTree(r.body());
            long seq = body.at("/data/seq").asLong();
            assertThat(seq).as("seq order").isGreaterThan(lastSeq);
            lastSeq = seq;
            assertThat(body.at("/data/links/inclusion_proof").asText()).isEqualTo("/api/v1/audit/proofs/inclusion?entry=" + seq);
            assertThat(r.header("webhook-id")).isEqualTo("msg_" + seq + "_" + id);
        }
        JsonNode promotion = t.json.readTree(mine.get(4).body());
        assertThat(promotion.at("/data/before/stage").asText()).isEqualTo("Staging");
        assertThat(promotion.at("/data/after/stage").asText()).isEqualTo("Production");
        assertThat(promotion.at("/data/actor").asText()).isEqualTo("contributor");
        assertThat(promotion.at("/data/reason").asText()).isEqualTo("ship");
        assertThat(refused.statusCode()).isBetween(200, 499);

        // the history shows the first delivery's two attempts: 500, then accepted
        JsonNode deliveries = t.tree(t.get("/api/v1/webhooks/" + id + "/deliveries?limit=100", "admin"));
        JsonNode first = deliveries.get("deliveries").get(deliveries.get("deliveries").size() - 1);
        assertThat(first.get("status").asText()).isEqualTo("delivered");
        assertThat(first.at("/attempt_log/0/status_code").asInt()).isEqualTo(500);
        assertThat(first.at("/attempt_log/1/status_code").asInt()).isEqualTo(204);

        // redeliver one on request: same id again
        String firstId = first.get("id").asText();
        int count = received.size();
        assertThat(t.post("/api/v1/webhooks/" + id + "/deliveries/" + firstId + "/redeliver", "admin", null).statusCode())
                .isEqualTo(200);
        await(() -> received.size() > count);
        assertThat(received.get(count).header("webhook-id")).isEqualTo(firstId);

        // the feed replays from any sequence number
        JsonNode all = t.tree(t.get("/api/v1/events?after=0&limit=1000", "viewer"));
        List<Long> seqs = new ArrayList<>();
        all.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).isSorted().hasSizeGreaterThanOrEqualTo(expected.size());
        long middle = seqs.get(seqs.size() / 2);
        JsonNode rest = t.tree(t.get("/api/v1/events?after=" + middle, "viewer"));
        assertThat(rest.get("events").get(0).get("seq").asLong()).isEqualTo(seqs.get(seqs.size() / 2 + 1));
        assertThat(rest.get("events").size()).isEqualTo(seqs.size() - seqs.size() / 2 - 1);
        // the web UI's page of the webhook shows its deliveries and attempts; others may not see it; no secret anywhere
        UiHttp ui = new UiHttp(t);
        UiHttp.Session admin = ui.signIn("admin");
        HttpResponse<String> page = ui.get("/webhooks/" + id, admin);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(firstId).contains("HTTP 500").contains("HTTP 204").doesNotContain(secret);
        assertThat(ui.get("/webhooks", admin).body()).contains("/webhooks/" + id);
        assertThat(ui.get("/webhooks/" + id, ui.signIn("viewer")).statusCode()).isEqualTo(404);
        // and a delivery is sent again from the page: a preview first, then Confirm; never by another's forged post
        String redeliver = "/webhooks/" + id + "/deliveries/" + firstId + "/redeliver";
        assertThat(page.body()).contains("action=\"" + redeliver + "\"");
        int sent = received.size();
        HttpResponse<String> preview = ui.post(redeliver, admin, UiHttp.form("csrf", admin.csrf()), "Origin", ui.origin());
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        UiHttp.Session viewer = ui.signIn("viewer");
        assertThat(ui.post(redeliver, viewer, UiHttp.form("csrf", viewer.csrf(), "confirm", "yes"), "Origin", ui.origin())
                .statusCode()).isIn(403, 404);
        assertThat(received.size()).isEqualTo(sent);
        assertThat(ui.post(redeliver, admin, UiHttp.form("csrf", admin.csrf(), "confirm", "yes"), "Origin", ui.origin())
                .body()).contains("Done");
        await(() -> received.size() > sent);
        assertThat(received.get(sent).header("webhook-id")).isEqualTo(firstId);
        t.send("DELETE", "/api/v1/webhooks/" + id, "admin", null);
    }

    @Test
    void privateMetadataAndRebindingDestinationsAreRefusedAtCreationAndAtDelivery() throws Exception {
        for (String url : List.of("https://169.254.169.254/latest/meta-data", "http://169.254.169.254/",
                "https://private.example.test/hook", "https://mixed.example.test/hook", "https://10.0.0.1/",
                "https://[::1]/", "https://[::ffff:10.0.0.1]/", "https://2130706433/", "https://0x7f.0.0.1/",
                "https://0177.0.0.1/", "https://127.1/", "https://[fd00:ec2::254]/", "http://127.0.0.2/",
                "ftp://127.0.0.1/")) {
            HttpResponse<String> refused = t.post("/api/v1/webhooks", "admin", "{\"url\":\"" + url + "\",\"events\":[\"*\"]}");
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isBetween(400, 499);
        }
        assertThat(t.get("/api/v1/webhooks", "admin").body()).doesNotContain("example.test").doesNotContain("169.254");

        // allowed at creation, then the name answers a private address: refused at delivery, nothing is sent there
        swapped.set("127.0.0.1");
        HttpResponse<String> created = t.post("/api/v1/webhooks", "admin", "{\"url\":\"http://swap.example.test:"
                + receiver.getAddress().getPort() + "/hook\",\"events\":[\"registered_model.created\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = t.tree(created).get("id").asText();
        swapped.set("10.9.9.9");
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"rebound\"}").statusCode()).isEqualTo(201);
        await(() -> t.tree(t.get("/api/v1/webhooks/" + id + "/deliveries", "admin")).at("/deliveries/0/attempt_log/0/error")
                .asText().startsWith("refused:"));
        assertThat(t.tree(t.get("/api/v1/webhooks/" + id + "/deliveries", "admin")).at("/deliveries/0/attempt_log/0/error")
                .asText()).contains("10.9.9.9");
        t.send("DELETE", "/api/v1/webhooks/" + id, "admin", null);

        // loopback without the operator's allow: refused by a server started without --webhook-allow
        try (TestServer plain = new TestServer(null)) {
            HttpResponse<String> refused = plain.post("/api/v1/webhooks", "admin", "{\"url\":\"" + hook() + "\",\"events\":[\"*\"]}");
            assertThat(refused.statusCode()).as(refused.body()).isBetween(400, 499);
            assertThat(refused.body()).contains("destination allowed");
            HttpResponse<String> dry = plain.post("/api/v1/webhooks?dry_run=true", "admin",
                    "{\"url\":\"https://hooks.example.com/x\",\"events\":[\"model_version.created\"]}");
            assertThat(dry.statusCode()).isBetween(200, 499);
        }
    }

    @Test
    void onlyAdminsManageRegistryWideWebhooksAndSecretsNeverLeak() {
        HttpResponse<String> byContributor = t.post("/api/v1/webhooks", "contributor",
                "{\"url\":\"" + hook() + "\",\"events\":[\"*\"]}");
        assertThat(byContributor.statusCode()).isEqualTo(403);
        assertThat(t.get("/api/v1/webhooks", "viewer").body()).isEqualTo("{\"webhooks\":[]}");
        HttpResponse<String> bad = t.post("/api/v1/webhooks", "admin", "{\"url\":\"" + hook() + "\",\"events\":[\"nope\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("unknown event");
    }

    private static List<String> deliveredTypes(int before) {
        List<String> types = new ArrayList<>();
        for (Received r : received.subList(before + 1, received.size())) {
            try {
                types.add(t.json.readTree(r.body()).get("type").asText());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return types;
    }

    /** A receiver's check, as docs/webhooks.md shows it: both schemes over id.timestamp.body. */
    private static boolean verifies(Received r, String secret) {
        String id = r.header("webhook-id");
        String ts = r.header("webhook-timestamp");
        // Standard Webhooks: key = base64-decoded bytes after whsec_
        String standard = "v1," + hmac(java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), id, ts, r.body());
        // MLflow 3: key = the secret's UTF-8 bytes
        String mlflow = "v1," + hmac(secret.getBytes(StandardCharsets.UTF_8), r.header("X-MLflow-Delivery-Id"),
                r.header("X-MLflow-Timestamp"), r.body());
        return List.of(r.header("webhook-signature").split(" ")).contains(standard) && mlflow.equals(r.header("X-MLflow-Signature"));
    }

    private static String hmac(byte[] key, String id, String ts, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            return java.util.Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s; received " + received.size());
            }
            Thread.sleep(20);
        }
    }
}
