package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 17, finding 7: a request naming a host this server does not answer for was served, on the API and the UI,
 * and a UI post with a matching forged Origin created a model (DNS rebinding). Now it is refused (421) before any
 * handler runs; loopback names and the configured public URLs' hosts are served.
 */
class HostHeaderTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer("version: 1\n");
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    /** Sends a raw request (Java's HTTP client will not send a Host header of our choosing) and returns the answer. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", t.port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(4096), StandardCharsets.UTF_8);
        }
    }

    private static String get(String host, String path) throws Exception {
        return raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + t.tokens.get("viewer")
                + "\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aForeignHostIsRefusedOnTheApiAndTheUiAndCreatesNothing() throws Exception {
        assertThat(get("evil.example", "/api/v1/models")).startsWith("HTTP/1.1 421").contains("MISDIRECTED")
                .contains("--public-url");
        assertThat(get("evil.example:" + t.port, "/api/2.0/mlflow/registered-models/search")).startsWith("HTTP/1.1 421");
        assertThat(get("evil.example", "/models")).startsWith("HTTP/1.1 421");
        String body = "name=rebound&csrf=x";
        String post = raw("POST /models HTTP/1.1\r\nHost: evil.example:" + t.port + "\r\nOrigin: http://evil.example:" + t.port
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(post).startsWith("HTTP/1.1 421");
        assertThat(t.get("/api/v1/models/rebound", "viewer").statusCode()).isEqualTo(404);
        assertThat(get("127.0.0.1:" + t.port, "/api/v1/models")).startsWith("HTTP/1.1 200");
        assertThat(get("localhost:" + t.port, "/api/v1/models")).startsWith("HTTP/1.1 200");
        assertThat(get("LOCALHOST.", "/health")).startsWith("HTTP/1.1 200");
    }

    @Test
    void theNamesFollowTheBindingAndThePublicUrls() {
        AllowedHosts loopback = AllowedHosts.of("127.0.0.1", List.of());
        assertThat(loopback.allows("localhost:8080")).isTrue();
        assertThat(loopback.allows("[::1]:8080")).isTrue();
        assertThat(loopback.allows("registry.example.com")).isFalse();
        assertThat(loopback.allows(null)).isFalse();
        AllowedHosts published = AllowedHosts.of("0.0.0.0", List.of(URI.create("https://registry.example.com")));
        assertThat(published.allows("Registry.Example.com")).isTrue();
        assertThat(published.allows("localhost")).isTrue();
        assertThat(published.allows("evil.example")).isFalse();
        // on every address without a public URL: the machine's own addresses and names, never another DNS name
        AllowedHosts everywhere = AllowedHosts.of("0.0.0.0", List.of(),
                () -> java.util.Set.of("10.1.2.3", "[fe80:0:0:0:0:0:0:1]", "build-box", "build-box.corp.example"));
        assertThat(everywhere.allows("10.1.2.3:8080")).isTrue();
        assertThat(everywhere.allows("[fe80::1]:8080")).as("one IPv6 address, however spelled").isTrue();
        assertThat(everywhere.allows("build-box")).isTrue();
        assertThat(everywhere.allows("BUILD-BOX.corp.example.:8080")).isTrue();
        assertThat(everywhere.allows("localhost:8080")).isTrue();
        assertThat(everywhere.allows("[::1]")).isTrue();
        assertThat(everywhere.allows("anything.example")).as("a rebinding name").isFalse();
        assertThat(everywhere.allows("10.1.2.4")).isFalse();
        assertThat(AllowedHosts.of("0.0.0.0", List.of()).allows("127.0.0.1:8080")).as("the real machine names").isTrue();
        AllowedHosts specific = AllowedHosts.of("10.0.0.5", List.of());
        assertThat(specific.allows("10.0.0.5:8080")).isTrue();
        assertThat(specific.allows("localhost")).isFalse();
    }
}
