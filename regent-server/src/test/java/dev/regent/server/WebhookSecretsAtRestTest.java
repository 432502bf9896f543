package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.regent.core.webhook.RetrySchedule;
import dev.regent.core.webhook.WebhookSecret;
import dev.regent.server.webhook.Cidr;
import dev.regent.server.webhook.WebhookSettings;
import dev.regent.store.secrets.SecretSeal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Webhook secrets at rest: the database file holds none in the clear (they are sealed under a key file of the data
 * directory, owner-only), and a sealed secret moved to another webhook's row does not open there: that webhook's
 * deliveries are refused unsent, failed at once, and the webhook flagged — never signed with a wrong key, never silent.
 */
class WebhookSecretsAtRestTest {
    private static TestServer t;
    private static HttpServer receiver;
    /** Requests received, by path (each webhook has its own). */
    private static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hits.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        WebhookSettings settings = WebhookSettings.defaults(List.of(Cidr.parse("127.0.0.1/32")))
                .withRetries(new RetrySchedule(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofHours(72)))
                .withPoll(Duration.ofMillis(50)).withNode("test-node");
        t = TestServer.configured(null, server -> server.webhooks(settings));
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
        receiver.stop(0);
    }

    @Test
    void theDatabaseHoldsNoSecretInTheClearAndTheKeyFileIsPrivate() throws Exception {
        String id = create("/clear-check").get("id").asText();
        String secret = createdSecrets.get(id);
        // a rotation too: the previous secret keeps signing during its overlap, and is sealed as well
        HttpResponse<String> rotated = t.send("PATCH", "/api/v1/webhooks/" + id, "admin",
                "{\"rotate_secret\":true,\"overlap\":\"PT1H\"}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String newSecret = t.tree(rotated).get("secret").asText();
        assertThat(newSecret).startsWith(WebhookSecret.PREFIX).isNotEqualTo(secret);

        for (String s : List.of(secret, newSecret)) {
            String keyBase64 = s.substring(WebhookSecret.PREFIX.length());
            byte[] key = WebhookSecret.key(s);
            for (String name : List.of("regent.db", "regent.db-wal")) {
                Path file = t.dir.resolve(name);
                if (!Files.exists(file)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                String text = new String(bytes, StandardCharsets.ISO_8859_1);
                assertThat(text).as(name).doesNotContain(keyBase64).doesNotContain(WebhookSecret.PREFIX);
                assertThat(indexOf(bytes, key)).as(name + " holds the raw key bytes").isEqualTo(-1);
            }
        }
        try (Connection c = sqlite(); PreparedStatement s = c.prepareStatement(
                "SELECT secret, previous_secret FROM webhooks WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).startsWith("v1:");
                assertThat(rs.getString(2)).startsWith("v1:");
            }
        }
        Path key = t.dir.resolve(SecretSeal.FILE_NAME);
        assertThat(Files.size(key)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        // and the server still signs with what it stored: a test ping verifies
        HttpResponse<String> ping = t.post("/api/v1/webhooks/" + id + "/test", "admin", null);
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
        assertThat(ping.body()).contains("204");
        delete(id);
    }

    @Test
    void aSecretSwappedBetweenRowsIsRefusedAndFlaggedNeverSent() throws Exception {
        String a = create("/swap-a").get("id").asText();
        String b = create("/swap-b").get("id").asText();
        String control = create("/control").get("id").asText();
        try (Connection c = sqlite()) {
            String sealedA = column(c, a);
            String sealedB = column(c, b);
            try (PreparedStatement u = c.prepareStatement("UPDATE webhooks SET secret = ? WHERE id = ?")) {
                u.setString(1, sealedB);
                u.setString(2, a);
                u.executeUpdate();
                u.setString(1, sealedA);
                u.setString(2, b);
                u.executeUpdate();
            }
        }
        assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"swapped\"}").statusCode()).isEqualTo(201);
        await(() -> hit("/control") >= 1);
        await(() -> flagged(a) && flagged(b));
        for (String id : List.of(a, b)) {
            JsonNode w = t.tree(t.get("/api/v1/webhooks/" + id, "admin"));
            assertThat(w.get("flag_reason").asText()).contains("cannot sign").contains("does not open for this webhook");
            JsonNode delivery = t.tree(t.get("/api/v1/webhooks/" + id + "/deliveries?limit=10", "admin")).get("deliveries").get(0);
            assertThat(delivery.get("status").asText()).isEqualTo("failed");
            assertThat(delivery.at("/attempt_log/0/error").asText()).contains("refused: cannot sign");
        }
        assertThat(hit("/swap-a")).isZero();
        assertThat(hit("/swap-b")).isZero();
        // a test ping is refused the same way, unsent
        HttpResponse<String> ping = t.post("/api/v1/webhooks/" + a + "/test", "admin", null);
        assertThat(ping.body()).contains("cannot sign");
        assertThat(hit("/swap-a")).isZero();
        // rotating the secret repairs the webhook: it signs again (its stored form is replaced)
        HttpResponse<String> rotated = t.send("PATCH", "/api/v1/webhooks/" + a, "admin", "{\"rotate_secret\":true}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        HttpResponse<String> again = t.post("/api/v1/webhooks/" + a + "/test", "admin", null);
        assertThat(again.body()).doesNotContain("cannot sign");
        assertThat(hit("/swap-a")).isEqualTo(1);
        // an update that does not rotate keeps the broken stored form as it is (never sealing the placeholder)
        HttpResponse<String> described = t.send("PATCH", "/api/v1/webhooks/" + b, "admin", "{\"description\":\"still broken\"}");
        assertThat(described.statusCode()).as(described.body()).isEqualTo(200);
        try (Connection c = sqlite()) {
            assertThat(column(c, b)).startsWith("v1:");
        }
        assertThat(t.post("/api/v1/webhooks/" + b + "/test", "admin", null).body()).contains("does not open for this webhook");
        for (String id : List.of(a, b, control)) {
            delete(id);
        }
    }

    private static final Map<String, String> createdSecrets = new ConcurrentHashMap<>();

    private static JsonNode create(String path) {
        HttpResponse<String> created = t.post("/api/v1/webhooks", "admin", "{\"url\":\"http://127.0.0.1:"
                + receiver.getAddress().getPort() + path + "\",\"events\":[\"registered_model.created\"]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode node = t.tree(created);
        createdSecrets.put(node.get("id").asText(), node.get("secret").asText());
        return node;
    }

    private static void delete(String id) {
        assertThat(t.send("DELETE", "/api/v1/webhooks/" + id + "?reason=done", "admin", null).statusCode()).isEqualTo(200);
    }

    private static int hit(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    private static boolean flagged(String id) {
        return !t.tree(t.get("/api/v1/webhooks/" + id, "admin")).path("flagged_at").isNull();
    }

    private static Connection sqlite() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + t.dir.resolve("regent.db"));
    }

    private static String column(Connection c, String id) throws Exception {
        try (PreparedStatement s = c.prepareStatement("SELECT secret FROM webhooks WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s; hits " + hits);
            }
            Thread.sleep(20);
        }
    }
}
