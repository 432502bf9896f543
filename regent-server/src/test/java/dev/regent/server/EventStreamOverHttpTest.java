package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.access.Grant;
import dev.regent.core.access.Role;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The event feed as Server-Sent Events, read by a real HTTP client line by line as the server writes them: events in
 * seq order with the JSON feed's own data, live ones as they happen, a resume from Last-Event-ID, only what the caller
 * may read, no stream without a token, a revoked token ends the stream, and the cap and lifetime bound the streams.
 */
class EventStreamOverHttpTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws IOException {
        t = TestServer.configured(null, server -> server.eventStreams(
                new EventStreamLimits(8, Duration.ofMinutes(5), Duration.ofMillis(500), Duration.ofMillis(50))));
    }

    @AfterAll
    static void stop() throws IOException {
        t.close();
    }

    @Test
    void streamsEventsInOrderWithTheFeedsDataThenLiveOnesThenResumesFromLastEventId() throws Exception {
        created("/api/v1/models", "{\"name\":\"order-a\"}");
        created("/api/v1/models/order-a/versions", "{\"source\":\"s3://b/a/1\"}");
        created("/api/v1/models", "{\"name\":\"order-b\"}");
        JsonNode feed = t.tree(t.get("/api/v1/events?after=0&limit=1000", "viewer"));
        List<JsonNode> expected = new ArrayList<>();
        feed.get("events").forEach(expected::add);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(3);

        try (Sse sse = Sse.open(t, "/api/v1/events?after=0", "viewer")) {
            assertThat(sse.status()).isEqualTo(200);
            assertThat(sse.contentType()).startsWith("text/event-stream");
            for (JsonNode e : expected) {
                Sse.Event got = sse.next();
                assertThat(got.id()).isEqualTo(e.get("seq").asText());
                assertThat(got.name()).isEqualTo(e.get("type").asText());
                assertThat(t.json.readTree(got.data())).isEqualTo(e);
            }
            // a change made while the stream is open arrives on it
            created("/api/v1/models", "{\"name\":\"order-live\"}");
            Sse.Event live = sse.next();
            assertThat(live.name()).isEqualTo("registered_model.created");
            assertThat(t.json.readTree(live.data()).get("model").asText()).isEqualTo("order-live");
            assertThat(Long.parseLong(live.id())).isGreaterThan(expected.get(expected.size() - 1).get("seq").asLong());
        }

        // a reconnect names the first URL again (after=0) and the last id it saw: it resumes right after that id
        String middle = expected.get(1).get("seq").asText();
        try (Sse sse = Sse.open(t, "/api/v1/events?after=0", "viewer", "Last-Event-ID", middle)) {
            assertThat(sse.next().id()).isEqualTo(expected.get(2).get("seq").asText());
        }
        // and after= alone resumes too
        try (Sse sse = Sse.open(t, "/api/v1/events?after=" + middle, "viewer")) {
            assertThat(sse.next().id()).isEqualTo(expected.get(2).get("seq").asText());
        }
        // a malformed Last-Event-ID is refused before any stream, with what to send
        try (Sse sse = Sse.open(t, "/api/v1/events", "viewer", "Last-Event-ID", "abc")) {
            assertThat(sse.status()).isEqualTo(400);
            assertThat(sse.rest()).contains("Last-Event-ID").contains("whole number");
        }
    }

    @Test
    void aPrincipalGrantedOneModelNeverSeesAnothersEvents() throws Exception {
        created("/api/v1/models", "{\"name\":\"seen\"}");
        created("/api/v1/models", "{\"name\":\"hidden\"}");
        t.addPrincipal("narrow", new Grant(Role.VIEWER, ModelName.of("seen")));
        created("/api/v1/models/hidden/versions", "{\"source\":\"s3://b/hidden/1\"}");
        created("/api/v1/models/seen/versions", "{\"source\":\"s3://b/seen/1\"}");
        created("/api/v1/models/hidden/versions", "{\"source\":\"s3://b/hidden/2\"}");
        created("/api/v1/models/seen/versions", "{\"source\":\"s3://b/seen/2\"}");

        List<String> models = new ArrayList<>();
        try (Sse sse = Sse.open(t, "/api/v1/events?after=0", "narrow")) {
            int seenVersions = 0;
            while (seenVersions < 2) {
                Sse.Event e = sse.next();
                JsonNode data = t.json.readTree(e.data());
                models.add(data.get("model").asText(""));
                if (e.name().equals("model_version.created") && data.get("model").asText().equals("seen")) {
                    seenVersions++;
                }
            }
        }
        assertThat(models).contains("seen").doesNotContain("hidden");
        // asking for the other model's stream is answered as if it did not exist, before any stream opens
        try (Sse sse = Sse.open(t, "/api/v1/events?model=hidden", "narrow")) {
            assertThat(sse.status()).isEqualTo(404);
            assertThat(sse.contentType()).startsWith("application/json");
        }
    }

    @Test
    void noStreamWithoutAValidToken() throws Exception {
        try (Sse sse = Sse.open(t, "/api/v1/events", null)) {
            assertThat(sse.status()).isEqualTo(401);
            assertThat(sse.contentType()).startsWith("application/json");
            assertThat(sse.rest()).contains("UNAUTHENTICATED").doesNotContain("event:");
        }
        try (Sse sse = Sse.open(t, "/api/v1/events", "rgt_not-a-real-token")) {
            assertThat(sse.status()).isEqualTo(401);
            assertThat(sse.rest()).doesNotContain("event:");
        }
    }

    @Test
    void aRevokedTokenEndsItsStreamAtTheNextPoll() throws Exception {
        t.addPrincipal("follower", new Grant(Role.VIEWER, null));
        var issued = t.registry.access().issueToken(TestServer.ADMIN, Principal.of("follower"), null, "sse", false);
        String secret = issued.secret().orElseThrow();
        created("/api/v1/models", "{\"name\":\"revoke-a\"}");
        try (Sse sse = Sse.open(t, "/api/v1/events?after=0", secret)) {
            assertThat(sse.status()).isEqualTo(200);
            sse.next(); // the stream is running
            t.registry.access().revokeToken(TestServer.ADMIN, issued.tokenId(), false);
            created("/api/v1/models", "{\"name\":\"revoke-b\"}");
            Sse.Event last = null;
            for (Sse.Event e = sse.next(); e != null; e = sse.nextOrEnd()) {
                last = e;
                assertThat(e.data()).doesNotContain("revoke-b");
            }
            assertThat(last).isNotNull();
            assertThat(last.name()).isEqualTo(EventStream.CLOSED);
            assertThat(last.data()).contains("UNAUTHENTICATED");
        }
    }

    @Test
    void streamsAreCappedAndEachEndsAfterItsLifetime() throws Exception {
        try (TestServer small = TestServer.configured(null, server -> server.eventStreams(
                new EventStreamLimits(1, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(50))))) {
            try (Sse first = Sse.open(small, "/api/v1/events", "viewer")) {
                assertThat(first.status()).isEqualTo(200);
                try (Sse second = Sse.open(small, "/api/v1/events", "viewer")) {
                    assertThat(second.status()).isEqualTo(503);
                    assertThat(second.header("Retry-After")).isEqualTo("5");
                    assertThat(second.rest()).contains("limit of 1 event streams").contains("wait=30s");
                }
                // the first ends by itself when its lifetime is over (the client would reconnect with Last-Event-ID)
                assertThat(first.drainToEnd()).contains("lifetime reached");
            }
            // its slot is free again
            int status = 0;
            for (int i = 0; i < 100 && status != 200; i++) {
                try (Sse again = Sse.open(small, "/api/v1/events", "viewer")) {
                    status = again.status();
                }
                if (status != 200) {
                    Thread.sleep(50);
                }
            }
            assertThat(status).isEqualTo(200);
        }
    }

    private static void created(String path, String body) {
        HttpResponse<String> r = t.post(path, "admin", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** An SSE reader over java.net.http: lines as they arrive, parsed into events on a reader thread. */
    static final class Sse implements AutoCloseable {
        record Event(String id, String name, String data) {
        }

        private static final Event END = new Event(null, null, null);
        private final HttpResponse<Stream<String>> response;
        private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private final StringBuilder raw = new StringBuilder();

        private Sse(HttpResponse<Stream<String>> response) {
            this.response = response;
            Thread reader = new Thread(this::read, "sse-test-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static Sse open(TestServer server, String path, String as, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream").GET();
            if (as != null) {
                b.header("Authorization", "Bearer " + server.tokens.getOrDefault(as, as));
            }
            for (int i = 0; i < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return new Sse(server.http.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
        }

        private void read() {
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = response.body()) {
                for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                    String line = it.next();
                    synchronized (raw) {
                        raw.append(line).append('\n');
                    }
                    if (line.isEmpty()) {
                        if (data.length() > 0) {
                            queue.add(new Event(id, name, data.toString()));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (RuntimeException closed) {
                // the test closed the stream
            } finally {
                queue.add(END);
            }
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return header("Content-Type");
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        /** The next event; fails when the stream ends or nothing comes for long (a hang guard, not a timing goal). */
        Event next() throws InterruptedException {
            Event e = nextOrEnd();
            assertThat(e).as("an event before the stream ended; so far:\n" + text()).isNotNull();
            return e;
        }

        /** The next event, or null when the stream ended. */
        Event nextOrEnd() throws InterruptedException {
            Object o = queue.poll(30, TimeUnit.SECONDS);
            assertThat(o).as("the stream hung; so far:\n" + text()).isNotNull();
            if (o == END) {
                queue.add(END);
                return null;
            }
            return (Event) o;
        }

        /** Reads to the end of the stream; returns everything it said. */
        String drainToEnd() throws InterruptedException {
            while (nextOrEnd() != null) {
                // skip
            }
            return text();
        }

        /** The body of a refused request (it ends at once). */
        String rest() throws InterruptedException {
            return drainToEnd();
        }

        private String text() {
            synchronized (raw) {
                return raw.toString();
            }
        }

        @Override
        public void close() {
            response.body().close();
        }
    }
}
