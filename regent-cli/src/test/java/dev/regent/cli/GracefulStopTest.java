package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.PolicyParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server lets a request already in flight finish and commit; the database then closes cleanly. */
class GracefulStopTest {
    @TempDir
    Path dir;

    @Test
    void anUploadInFlightFinishesBeforeTheServerStops() throws Exception {
        String admin = TokenSecret.generate(new SecureRandom());
        Path data = dir.resolve("data");
        ServerLauncher server = ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0,
                admin, Clock.systemUTC());
        String base = "http://127.0.0.1:" + server.port();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        send(http, base + "/api/v1/models", admin, "{\"name\": \"m\"}");
        send(http, base + "/api/v1/models/m/versions", admin, "{\"source\": \"s3://b/1\"}");

        // a raw socket, so the test decides exactly when each part of the request is on the wire; the body trickles
        // in a byte every 100 ms, so the connection is never idle long (Jetty closes connections idle for 1 s while
        // stopping) and the request is certainly being handled when the stop begins
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            java.io.OutputStream out = socket.getOutputStream();
            byte[] body = "validation passed on 2026-11-26".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            out.write(("POST /api/v1/models/m/versions/1/evidence?kind=validation-report HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nAuthorization: Bearer " + admin + "\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            int sent = 0;
            for (; sent < 10; sent++) {
                out.write(body[sent]);
                out.flush();
                sleep(100);
            }
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            for (; sent < 15; sent++) {
                out.write(body[sent]);
                out.flush();
                sleep(100);
            }
            assertThat(stopping).as("stop waits for the request in flight").isNotDone();
            out.write(body, sent, body.length - sent);
            out.flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 201 Created");
            stopping.get(30, TimeUnit.SECONDS);
        }

        try (ServerLauncher again = ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0,
                null, Clock.systemUTC())) {
            HttpResponse<String> evidence = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + again.port() + "/api/v1/models/m/versions/1/evidence"))
                    .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(evidence.body()).contains("validation-report");
        }
    }

    private static void send(HttpClient http, String url, String token, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
