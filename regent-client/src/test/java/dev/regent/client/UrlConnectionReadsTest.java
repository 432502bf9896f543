package dev.regent.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 18: a read goes over HttpURLConnection instead of the HttpClient (whose start cost a short command a sixth of
 * its time). It must behave as the HttpClient did: the same headers sent, redirects not followed, error bodies read,
 * headers found whatever their case, and a registry that cannot be reached told as such.
 */
class UrlConnectionReadsTest {
    private HttpServer server;
    private URI base;
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> {
            seen.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
            seen.put("accept", exchange.getRequestHeaders().getFirst("Accept"));
            seen.put("via", String.valueOf(exchange.getRequestHeaders().getFirst("Regent-Via")));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"r7\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", base + "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no model named m\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aReadSendsTheExchangesHeadersAndGetsTheBodyAndHeaders() throws Exception {
        HttpExchange http = new HttpExchange(base, "rgt_secret").withChannel("mcp:list");
        HttpRequest request = http.request(http.uri("/ok", Map.of())).GET().build();
        assertThat(UrlConnectionReads.handles(request)).isTrue();
        HttpResponse<byte[]> response = http.send(request);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(response.headers().firstValue("etag")).contains("\"r7\"");
        assertThat(seen).containsEntry("authorization", "Bearer rgt_secret").containsEntry("accept", "application/json")
                .containsEntry("via", "mcp:list");
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        HttpExchange http = new HttpExchange(base, "t");
        HttpResponse<byte[]> response = http.send(http.request(http.uri("/moved", Map.of())).GET().build());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(seen).doesNotContainKey("authorization"); // the token never went to the other address
    }

    @Test
    void anErrorsBodyIsReadIntoTheRegistrysError() {
        HttpExchange http = new HttpExchange(base, "t");
        assertThatThrownBy(() -> http.call(http.request(http.uri("/missing", Map.of())).GET().build(), Object.class))
                .isInstanceOfSatisfying(RegentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("no model named m");
                });
    }

    @Test
    void aRegistryNobodyListensAtIsUnavailable() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        HttpExchange http = new HttpExchange(URI.create("http://127.0.0.1:" + port), "t");
        assertThatThrownBy(() -> http.send(http.request(http.uri("/ok", Map.of())).GET().build()))
                .isInstanceOfSatisfying(RegentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("connection refused");
                });
    }

    @Test
    void writesAndStreamsStayOnTheHttpClient() {
        HttpExchange http = new HttpExchange(base, "t");
        URI uri = http.uri("/ok", Map.of());
        assertThat(UrlConnectionReads.handles(http.withJson("POST", uri, Map.of("a", 1), true).build())).isFalse();
        assertThat(UrlConnectionReads.handles(http.withJson("PATCH", uri, Map.of("a", 1), false).build())).isFalse();
        assertThat(UrlConnectionReads.handles(http.request(uri).DELETE().build())).isFalse();
        assertThat(UrlConnectionReads.handles(http.request(uri).timeout(Duration.ofSeconds(1)).GET().build())).isTrue();
    }
}
