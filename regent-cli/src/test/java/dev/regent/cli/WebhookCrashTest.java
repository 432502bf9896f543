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
 * close) and restarted on the same data directory (once here; ten times in the benchmark); afterwards every change acknowledged to a
 * client has its event, every event is delivered, and nothing was delivered without its change (docs/benchmarks.md).
 */
class WebhookCrashTest {
    /** One cycle in the suite; the benchmark runs ten ({@code -Dregent.crash.cycles=10}). */
    static final int CYCLES = Integer.getInteger("regent.crash.cycles", 1);
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noEventIsLostAndNoneDeliveredWithoutItsChangeAcrossKillNine() throws Exception {
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
            Server server = start(token);
            String created = send(server, "POST", "/api/v1/webhooks", token, "{\"url\":\"http://127.0.0.1:"
                    + receiver.getAddress().getPort() + "/hook\",\"events\":[\"*\"]}").body();
            String webhook = json.readTree(created).get("id").asText();
            for (int cycle = 0; cycle < CYCLES; cycle++) {
                AtomicBoolean stop = new AtomicBoolean();
                Server current = server;
                int base = cycle;
                Thread writer = new Thread(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String name = "m-" + base + "-" + i;
                        try {
                            if (send(current, "POST", "/api/v1/models", token, "{\"name\":\"" + name + "\"}").statusCode() == 201) {
                                synchronized (acknowledged) {
                                    acknowledged.add(name);
                                }
                            }
                        } catch (RuntimeException e) {
                            return; // the server died mid-request: that change may or may not have committed
                        }
                    }
                });
                writer.start();
                Thread.sleep(1500);
                server.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                stop.set(true);
                writer.join(30_000);
                server = start(token);
            }
            // after the last restart: every event goes out, exactly the ones the feed has
            Server last = server;
            List<Long> events = new ArrayList<>();
            List<String> models = new ArrayList<>();
            for (JsonNode e : json.readTree(send(last, "GET", "/api/v1/events?after=0&limit=1000", token, null).body()).get("events")) {
                events.add(e.get("seq").asLong());
                if (e.get("type").asText().equals("registered_model.created")) {
                    models.add(e.get("model").asText());
                }
            }
            assertThat(models).as("every acknowledged change has its event").containsAll(acknowledged);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!deliveredSeqs.containsAll(events) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(deliveredSeqs).as("every event delivered").containsAll(events);
            assertThat(events).as("nothing delivered without its change").containsAll(deliveredSeqs);
            for (long seq : events) {
                assertThat(deliveredIds).contains("msg_" + seq + "_" + webhook);
            }
            assertThat(acknowledged).as("the load wrote something").isNotEmpty();
            last.process.destroy();
            last.process.waitFor(30, TimeUnit.SECONDS);
        } finally {
            receiver.stop(0);
        }
    }

    private record Server(Process process, int port) {
    }

    private Server start(String token) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--data", dir.resolve("data").toString(), "serve", "--port", "0",
                "--webhook-allow", "127.0.0.1/32")).redirectErrorStream(true);
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
