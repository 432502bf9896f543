package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.regent.core.access.TokenSecret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries survive kill -9: a real 'regent serve' process under write load is killed (SIGKILL: no shutdown hook, no
 * close) and restarted on the same data directory and database, cycle after cycle; afterwards every change acknowledged
 * to a client has its event, every event is delivered, and nothing was delivered without its change. On SQLite, and on
 * PostgreSQL when REGENT_TEST_POSTGRES_URL is set (each run in a fresh schema). The suite runs
 * {@value #DEFAULT_CYCLES} cycles per database; CI runs ten more in its slow phase ({@code -Dregent.crash.cycles=10},
 * see .ci/run), the goal.
 */
class WebhookCrashTest {
    static final int DEFAULT_CYCLES = 1;
    /** Cycles per database: one in the suite; CI's slow phase runs ten ({@code -Dregent.crash.cycles=10}). */
    static final int CYCLES = Integer.getInteger("regent.crash.cycles", DEFAULT_CYCLES);
    /**
     * How long the deliveries may take to catch up after the last restart (a hang guard, not a speed goal): on
     * PostgreSQL a killed node's claims are taken over only when their lease (1 minute) expires.
     */
    /** Concurrent writers of the load, and how many writes each incarnation acknowledges before it is killed. */
    private static final int WRITERS = 4;
    private static final int ACKS_BEFORE_KILL = 20;
    private static final Duration CATCH_UP = Duration.ofSeconds(150);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noEventIsLostAndNoneDeliveredWithoutItsChangeAcrossKillNineOnSqlite() throws Exception {
        crashCycles(null);
    }

    @Test
    void noEventIsLostAndNoneDeliveredWithoutItsChangeAcrossKillNineOnPostgres() throws Exception {
        String base = System.getenv("REGENT_TEST_POSTGRES_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(base != null && !base.isBlank(),
                "REGENT_TEST_POSTGRES_URL is not set: the PostgreSQL crash cycles are skipped");
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String schema = "regent_crash_" + java.util.HexFormat.of().formatHex(random);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(base); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            crashCycles(base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(base); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private void crashCycles(String dbUrl) throws Exception {
        Set<String> deliveredIds = ConcurrentHashMap.newKeySet();
        Set<Long> deliveredSeqs = ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            deliveredIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            deliveredSeqs.add(body.at("/data/seq").asLong());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String token = TokenSecret.generate(new SecureRandom());
        List<String> acknowledged = new ArrayList<>();
        try {
            Server server = start(token, dbUrl);
            String created = send(server, "POST", "/api/v1/webhooks", token, "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\",\"events\":[\"*\"]}").body();
            String webhook = json.readTree(created).get("id").asText();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                AtomicBoolean stop = new AtomicBoolean();
                Server current = server;
                int base = cycle;
                java.util.concurrent.atomic.AtomicInteger acked = new java.util.concurrent.atomic.AtomicInteger();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int me = w;
                    Thread writer = new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            String name = "m-" + base + "-" + me + "-" + i;
                            try {
                                if (send(current, "POST", "/api/v1/models", token, "{\"name\":\"" + name + "\"}").statusCode() == 201) {
                                    synchronized (acknowledged) {
                                        acknowledged.add(name);
                                    }
                                    acked.incrementAndGet();
                                }
                            } catch (RuntimeException e) {
                                return; // the server died mid-request: that change may or may not have committed
                            }
                        }
                    });
                    writer.start();
                    writers.add(writer);
                }
                // the kill comes under load: once this incarnation has acknowledged some writes (a cold server on a
                // loaded machine answers its first ones slowly), at a random moment after
                long loaded = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (acked.get() < ACKS_BEFORE_KILL && System.nanoTime() < loaded) {
                    Thread.sleep(10);
                }
                Thread.sleep(new SecureRandom().nextInt(400));
                server.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                stop.set(true);
                for (Thread writer : writers) {
                    writer.join(30_000);
                }
                server = start(token, dbUrl);
            }
            // after the last restart: every event goes out, exactly the ones the feed has
            Server last = server;
            List<Long> events = new ArrayList<>();
            List<String> models = new ArrayList<>();
            for (long after = 0; ; ) {
                JsonNode page = json.readTree(send(last, "GET", "/api/v1/events?after=" + after + "&limit=1000", token, null).body());
                for (JsonNode e : page.get("events")) {
                    events.add(e.get("seq").asLong());
                    if (e.get("type").asText().equals("registered_model.created")) {
                        models.add(e.get("model").asText());
                    }
                }
                if (page.get("events").isEmpty()) {
                    break;
                }
                after = page.get("next").asLong();
            }
            assertThat(models).as("every acknowledged change has its event").containsAll(acknowledged);
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (!deliveredSeqs.containsAll(events) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(deliveredSeqs).as("every event delivered").containsAll(events);
            assertThat(events).as("nothing delivered without its change").containsAll(deliveredSeqs);
            for (long seq : events) {
                assertThat(deliveredIds).contains("msg_" + seq + "_" + webhook);
            }
            assertThat(acknowledged).as("the load wrote something").isNotEmpty();
            // for CI's log and docs/benchmarks.md: what the run went through
            System.out.printf("webhook crash test on %s: %d kill -9 cycles, %d changes acknowledged, %d events, %d delivered "
                    + "(0 lost, 0 without their change)%n", dbUrl == null ? "SQLite" : "PostgreSQL", CYCLES,
                    acknowledged.size(), events.size(), deliveredSeqs.size());
            last.process.destroy();
            last.process.waitFor(30, TimeUnit.SECONDS);
        } finally {
            receiver.stop(0);
        }
    }

    private record Server(Process process, int port) {
    }

    private Server start(String token, String dbUrl) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--data", dir.resolve("data").toString()));
        if (dbUrl != null) {
            command.addAll(List.of("--db", dbUrl));
        }
        command.addAll(List.of("serve", "--port", "0", "--webhook-allow", "127.0.0.1/32"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REGENT_BOOTSTRAP_TOKEN", token);
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling
                        }
                    } catch (java.io.IOException ignored) {
                        // the process died
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Server(process, Integer.parseInt(m.group(1)));
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }

    private HttpResponse<String> send(Server server, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
