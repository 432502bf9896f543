package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.RegentJson;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.InclusionProof;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import dev.regent.store.audit.SigningKeyFile;
import dev.regent.store.files.WriteOnceFile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Scale-out on one PostgreSQL: two stateless nodes (each its own store, registry, audit signer and HTTP server) on the
 * same database schema, sharing one data directory for blobs, the audit signing key and the page-token key, as nodes
 * behind a load balancer would. Everything goes through the HTTP API. Skipped unless {@code REGENT_TEST_POSTGRES_URL}
 * names a PostgreSQL database; each run works in a fresh schema it drops afterwards.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesTest {
    private static final String URL_VARIABLE = "REGENT_TEST_POSTGRES_URL";
    private static final String NO_GATES = "version: 1\n";
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);

    private static String baseUrl;
    private static String schema;
    private static Path shared;
    private static Node a;
    private static Node b;
    private static String admin;
    private static String contributor;
    private static String viewer;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = RegentJson.newMapper();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        baseUrl = System.getenv(URL_VARIABLE);
        if (baseUrl == null || baseUrl.isBlank()) {
            return; // each test then reports itself skipped, with the reason (see needsPostgres)
        }
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        // a schema of its own (as the store tests' PostgresTestDatabase does), dropped afterwards
        schema = "regent_test_" + HexFormat.of().formatHex(random);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String jdbcUrl = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        shared = Files.createTempDirectory("regent-two-nodes");
        Policy policy = PolicyParser.parse(NO_GATES, "no-gates.yaml");

        // both nodes start at once on the empty schema: Flyway's lock lets one migrate while the other waits
        ExecutorService starting = Executors.newFixedThreadPool(2);
        try {
            Future<Node> first = starting.submit(() -> new Node("a", jdbcUrl, shared, policy));
            Future<Node> second = starting.submit(() -> new Node("b", jdbcUrl, shared, policy));
            a = first.get(60, TimeUnit.SECONDS);
            b = second.get(60, TimeUnit.SECONDS);
        } finally {
            starting.shutdownNow();
        }

        // the first admin is bootstrapped once; a second node finds the registry already has principals
        admin = a.registry.access().bootstrapServerAdmin(Principal.of("admin"), null).orElseThrow();
        assertThat(b.registry.access().bootstrapServerAdmin(Principal.of("admin"), null)).isEmpty();
        // principals and tokens made through one node are the other node's too: they live in the database
        assertThat(send(a, "POST", "/api/v1/principals", admin, "{\"name\":\"carol\",\"role\":\"contributor\"}").statusCode())
                .isIn(200, 201);
        assertThat(send(b, "POST", "/api/v1/principals", admin, "{\"name\":\"vic\",\"role\":\"viewer\"}").statusCode())
                .isIn(200, 201);
        contributor = tree(expect(201, send(b, "POST", "/api/v1/tokens", admin, "{\"principal\":\"carol\"}"))).get("token").asText();
        viewer = tree(expect(201, send(a, "POST", "/api/v1/tokens", admin, "{\"principal\":\"vic\"}"))).get("token").asText();
        for (Node node : List.of(a, b)) {
            assertThat(tree(expect(200, send(node, "GET", "/api/v1/whoami", contributor, null))).toString()).contains("carol");
            assertThat(tree(expect(200, send(node, "GET", "/api/v1/whoami", viewer, null))).toString()).contains("vic");
        }
    }

    @BeforeEach
    void needsPostgres() {
        Assumptions.assumeTrue(baseUrl != null && !baseUrl.isBlank(),
                URL_VARIABLE + " is not set: the two-node scale-out test needs PostgreSQL and is skipped");
    }

    @AfterAll
    static void stopTwoNodes() throws Exception {
        for (Node node : new Node[] {a, b}) {
            if (node != null) {
                node.close();
            }
        }
        if (shared != null) {
            try (var files = Files.walk(shared)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    @Order(1)
    void aPromotionThroughOneNodeIsSeenThroughTheOther() {
        createModel(a, "visible");
        registerVersion(b, "visible", 1);
        assertThat(stage(b, "visible", 1)).isEqualTo("None");

        expect(200, promote(a, "visible", 1, "Production"));

        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        String seen = stage(b, "visible", 1);
        while (!"Production".equals(seen) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            seen = stage(b, "visible", 1);
        }
        assertThat(seen).as("stage of visible/1 read through node b within %s of the promotion through node a", VISIBLE_WITHIN)
                .isEqualTo("Production");
        JsonNode history = tree(expect(200, send(b, "GET", "/api/v1/models/visible/history", viewer, null)));
        assertThat(history.get("transitions")).hasSize(1);
        assertThat(history.get("transitions").get(0).get("to").asText()).isEqualTo("Production");
    }

    @Test
    @Order(2)
    void anArtifactUploadedThroughOneNodeIsServedByTheOther() {
        createModel(a, "shared-blobs");
        byte[] bytes = ("weights " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        HttpRequest upload = request(a, "/api/v1/models/shared-blobs/blobs", contributor)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        String digest = tree(expect(201, exchange(upload))).get("digest").asText();
        expect(201, send(b, "POST", "/api/v1/models/shared-blobs/versions", contributor,
                "{\"digest\":\"" + digest + "\",\"artifact\":\"file\"}"));
        HttpResponse<byte[]> download = exchangeBytes(request(b, "/api/v1/models/shared-blobs/versions/1/artifact", viewer).GET().build());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.headers().firstValue("Regent-Digest")).contains(digest);
    }

    @Test
    @Order(3)
    void racingPromotionsThroughBothNodesLeaveExactlyOneVersionInProduction() throws Exception {
        int versions = 8;
        for (int round = 1; round <= 3; round++) {
            String model = "race-" + round;
            createModel(round % 2 == 0 ? a : b, model);
            for (int v = 1; v <= versions; v++) {
                registerVersion(v % 2 == 0 ? a : b, model, v);
            }

            ExecutorService pool = Executors.newFixedThreadPool(versions + 1);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean racing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> readerViolations = new ConcurrentLinkedQueue<>();
            try {
                // a reader through both nodes while the race runs: no snapshot ever shows two versions in Production
                Future<Integer> reader = pool.submit(() -> {
                    go.await();
                    int reads = 0;
                    while (racing.get() || reads < 2) {
                        Node node = reads % 2 == 0 ? a : b;
                        HttpResponse<String> list = send(node, "GET", "/api/v1/models/" + model + "/versions", viewer, null);
                        if (list.statusCode() != 200) {
                            readerViolations.add("node " + node.name + " answered " + list.statusCode() + ": " + list.body());
                        } else {
                            List<Integer> inProduction = inProduction(tree(list));
                            if (inProduction.size() > 1) {
                                readerViolations.add("node " + node.name + " showed " + inProduction + " in Production");
                            }
                        }
                        reads++;
                    }
                    return reads;
                });
                List<Future<HttpResponse<String>>> promotions = new ArrayList<>();
                for (int v = 1; v <= versions; v++) {
                    int version = v;
                    Node node = v % 2 == 0 ? a : b;
                    promotions.add(pool.submit(() -> {
                        go.await();
                        return promote(node, model, version, "Production");
                    }));
                }
                go.countDown();
                int applied = 0;
                for (Future<HttpResponse<String>> f : promotions) {
                    HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                    assertThat(r.statusCode()).as("promotion answer: %s", r.body()).isIn(200, 409);
                    if (r.statusCode() == 200) {
                        assertThat(tree(r).get("outcome").asText()).isEqualTo("APPLIED");
                        applied++;
                    } else {
                        assertThat(tree(r).get("error").get("code").asText()).isNotBlank();
                    }
                }
                racing.set(false);
                assertThat(reader.get(60, TimeUnit.SECONDS)).isGreaterThan(0);
                assertThat(readerViolations).isEmpty();
                assertThat(applied).isGreaterThanOrEqualTo(1);

                // now: exactly one holder, the same through both nodes
                List<Integer> holderA = inProduction(tree(expect(200, send(a, "GET", "/api/v1/models/" + model + "/versions", viewer, null))));
                List<Integer> holderB = inProduction(tree(expect(200, send(b, "GET", "/api/v1/models/" + model + "/versions", viewer, null))));
                assertThat(holderA).hasSize(1).isEqualTo(holderB);

                // and at every moment, replaying the history (a displacement is recorded before the promotion it makes room for)
                JsonNode transitions = tree(expect(200, send(b, "GET", "/api/v1/models/" + model + "/history", viewer, null)))
                        .get("transitions");
                Set<Integer> holders = new HashSet<>();
                int promotionsToProduction = 0;
                for (JsonNode t : transitions) {
                    int version = t.get("version").asInt();
                    if ("Production".equals(t.get("from").asText())) {
                        assertThat(holders.remove(version)).as("version %d left Production without holding it: %s", version, transitions).isTrue();
                    }
                    if ("Production".equals(t.get("to").asText())) {
                        holders.add(version);
                        promotionsToProduction++;
                    }
                    assertThat(holders).as("holders of Production after %s in %s", t, transitions).hasSizeLessThanOrEqualTo(1);
                }
                assertThat(promotionsToProduction).isEqualTo(applied);
                assertThat(holders).containsExactlyElementsOf(holderA);
            } finally {
                racing.set(false);
                pool.shutdownNow();
            }
        }
    }

    @Test
    @Order(4)
    void bothNodesWriteOneContiguousAuditLogThatVerifies() throws Exception {
        // concurrent appenders on both nodes
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> writes = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Node node = w % 2 == 0 ? a : b;
                String prefix = "audit-" + node.name + w + "-";
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        expect(201, send(node, "POST", "/api/v1/models", contributor, "{\"name\":\"" + prefix + i + "\"}"));
                    }
                    return 10;
                }));
            }
            for (Future<Integer> f : writes) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(10);
            }
        } finally {
            pool.shutdownNow();
        }

        // page through the log alternating nodes, each continuing from the other's page token (one shared page-token key)
        List<Long> seqs = new ArrayList<>();
        String token = null;
        int page = 0;
        do {
            Node node = page++ % 2 == 0 ? a : b;
            String query = "/api/v1/audit?page_size=25" + (token == null ? "" : "&page_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode body = tree(expect(200, send(node, "GET", query, admin, null)));
            body.get("entries").forEach(e -> seqs.add(e.get("seq").asLong()));
            token = body.hasNonNull("next_page_token") ? body.get("next_page_token").asText() : null;
        } while (token != null);
        long head = a.store.read(tx -> tx.auditHead());
        assertThat(seqs).as("audit sequence numbers").containsExactlyElementsOf(LongStream.rangeClosed(1, head).boxed().toList());
        assertThat(head).isGreaterThan(40);
        // both nodes serve the same log, entry for entry
        String wholeA = expect(200, send(a, "GET", "/api/v1/audit?page_size=1000", admin, null)).body();
        String wholeB = expect(200, send(b, "GET", "/api/v1/audit?page_size=1000", admin, null)).body();
        assertThat(wholeA).isEqualTo(wholeB);

        // one key, published by both; a checkpoint signed through one node, proven through the other
        String keyA = tree(expect(200, send(a, "GET", "/api/v1/audit/key", viewer, null))).get("verifier_key").asText();
        String keyB = tree(expect(200, send(b, "GET", "/api/v1/audit/key", viewer, null))).get("verifier_key").asText();
        assertThat(keyA).isEqualTo(keyB);
        VerifierKey key = VerifierKey.parse(keyA);
        Checkpoint signed = SignedCheckpoints.open(expect(200, send(a, "POST", "/api/v1/audit/checkpoint", admin, null)).body(), key);
        assertThat(signed.size()).isEqualTo(head);
        Checkpoint latestB = SignedCheckpoints.open(expect(200, send(b, "GET", "/api/v1/audit/checkpoint", viewer, null)).body(), key);
        assertThat(latestB.size()).isEqualTo(head);
        assertThat(latestB.root()).isEqualTo(signed.root());
        JsonNode inclusion = tree(expect(200, send(b, "GET", "/api/v1/audit/proofs/inclusion?entry=1&size=" + head, viewer, null)));
        List<Hash> path = new ArrayList<>();
        inclusion.get("path").forEach(h -> path.add(Hash.ofBase64(h.asText())));
        JsonNode first = tree(expect(200, send(b, "GET", "/api/v1/audit?page_size=1", admin, null))).get("entries").get(0);
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(Hash.ofBase64(inclusion.get("root").asText())).isEqualTo(signed.root());
        assertThat(new InclusionProof(0, head, path).verifies(leafOfFirstEntry(), signed.root())).isTrue();

        // the whole log and every checkpoint either node signed on its schedule verify under the one key
        VerificationReport report = new AuditTree(b.store, Clock.systemUTC()).verify(key);
        assertThat(report.findings()).isEmpty();
        assertThat(report.size()).isEqualTo(head);
        assertThat(report.checkpointsChecked()).isGreaterThan(1);
        for (Node node : List.of(a, b)) {
            assertThat(node.audit.incident()).as("audit incident on node %s", node.name).isEmpty();
            assertThat(send(node, "GET", "/ready", null, null).statusCode()).as("/ready of node %s", node.name).isEqualTo(200);
            assertThat(send(node, "GET", "/health", null, null).statusCode()).isEqualTo(200);
        }
    }

    private static Hash leafOfFirstEntry() {
        return dev.regent.core.audit.merkle.TreeHasher.leaf(a.store.read(tx -> tx.auditBytes(0, 1)).get(0).bytes());
    }

    // ---- helpers ----

    @Test
    @Order(5)
    void aPolicyAppliedThroughOneNodeGovernsTheOtherAtOnce() {
        createModel(a, "governed");
        registerVersion(a, "governed", 1);
        JsonNode before = tree(expect(200, send(b, "GET", "/api/v1/policy", viewer, null))).get("revision");
        String gated = "version: 1\ndefault:\n  stages:\n    Production:\n      - eval_report: {}\n";
        expect(200, send(a, "POST", "/api/v1/policy", admin, "{\"yaml\":\"" + gated.replace("\n", "\\n")
                + "\",\"source\":\"gated.yaml\",\"reason\":\"production needs an eval report\"}"));
        // no wait: node b reads the revision in effect inside the transaction of its next gate decision
        HttpResponse<String> refused = promote(b, "governed", 1, "Production");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("revision " + (before.get("revision").asInt() + 1)).contains("gate eval_report");
        assertThat(tree(expect(200, send(b, "GET", "/api/v1/policy", viewer, null))).at("/revision/applied_by").asText())
                .isEqualTo("admin");
        // and back to the policy the other tests ran under, as a new revision
        expect(200, send(b, "POST", "/api/v1/policy", admin, "{\"revision\":" + before.get("revision").asInt()
                + ",\"reason\":\"restore\"}"));
        expect(200, promote(a, "governed", 1, "Production"));
    }

    @Test
    @Order(7)
    void aTokenRevokedThroughOneNodeIsRefusedByTheOtherAtOnceWhileDataWritesLeaveSignInsCached() {
        // sign-ins follow the access generation (issue 19): a data write through a does not evict them on b, a
        // revocation through a does, within the time a notification takes
        JsonNode made = tree(expect(201, send(a, "POST", "/api/v1/tokens", admin, "{\"principal\":\"vic\"}")));
        String secret = made.get("token").asText();
        String id = made.get("id").asText();
        expect(200, send(b, "GET", "/api/v1/whoami", secret, null));
        createModel(a, "access-generation");
        expect(200, send(b, "GET", "/api/v1/whoami", secret, null));
        expect(200, send(a, "DELETE", "/api/v1/tokens/" + id, admin, null));
        long deadline = System.nanoTime() + VISIBLE_WITHIN.toNanos();
        int status = send(b, "GET", "/api/v1/whoami", secret, null).statusCode();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            status = send(b, "GET", "/api/v1/whoami", secret, null).statusCode();
        }
        assertThat(status).as("the revoked token through node b within %s", VISIBLE_WITHIN).isEqualTo(401);
    }

    private static void createModel(Node node, String name) {
        expect(201, send(node, "POST", "/api/v1/models", contributor, "{\"name\":\"" + name + "\"}"));
    }

    private static void registerVersion(Node node, String model, int expected) {
        JsonNode created = tree(expect(201, send(node, "POST", "/api/v1/models/" + model + "/versions", contributor,
                "{\"source\":\"s3://models/" + model + "/" + expected + "\"}")));
        assertThat(created.get("changes").get(0).get("target").asText()).isEqualTo(model + "/" + expected);
    }

    private static HttpResponse<String> promote(Node node, String model, int version, String stage) {
        return send(node, "POST", "/api/v1/models/" + model + "/versions/" + version + "/promote", contributor,
                "{\"stage\":\"" + stage + "\",\"reason\":\"through node " + node.name + "\"}");
    }

    private static String stage(Node node, String model, int version) {
        return tree(expect(200, send(node, "GET", "/api/v1/models/" + model + "/versions/" + version, viewer, null))).get("stage").asText();
    }

    private static List<Integer> inProduction(JsonNode versionList) {
        List<Integer> out = new ArrayList<>();
        versionList.get("versions").forEach(v -> {
            if ("Production".equals(v.get("stage").asText())) {
                out.add(v.get("version").asInt());
            }
        });
        return out;
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s %s answered %s", response.request().method(), response.uri(), response.body())
                .isEqualTo(status);
        return response;
    }

    private static HttpRequest.Builder request(Node node, String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpResponse<String> send(Node node, String method, String path, String token, String body) {
        HttpRequest.Builder builder = request(node, path, token).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return exchange(builder.build());
    }

    private static HttpResponse<String> exchange(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<byte[]> exchangeBytes(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode tree(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    /**
     * One node, composed as {@code regent serve} composes it: its own store (connection pool) on the shared database,
     * its own registry and server on a random port; the blob store, the audit signing key and the page-token key in
     * the shared data directory. Its audit signer seals every new entry within tens of milliseconds, so the two
     * nodes' signers run concurrently with each other and with both nodes' writers.
     */
    private static final class Node implements AutoCloseable {
        final String name;
        final RegistryStore store;
        final Registry registry;
        final CheckpointSigner audit;
        final RegentServer server;
        final int port;

        Node(String name, String jdbcUrl, Path data, Policy policy) throws IOException {
            this.name = name;
            Clock clock = Clock.systemUTC();
            SecureRandom random = new SecureRandom();
            store = StoreFactory.open(data, jdbcUrl);
            try {
                registry = new Registry(store, clock, random, SourceRules.references(), policy, StoreFactory.blobs(data), true);
                SigningKey key = SigningKeyFile.loadOrCreate(data.resolve(SigningKeyFile.FILE_NAME), "regent.test/two-nodes", random);
                byte[] pageKey = new byte[32];
                random.nextBytes(pageKey);
                pageKey = WriteOnceFile.createOrRead(data.resolve("page-token.key"), pageKey, true);
                audit = new CheckpointSigner(new AuditTree(store, clock), key, CheckpointSigner.Sink.NONE,
                        new CheckpointSigner.Schedule(1, Duration.ofMillis(20)), clock);
                server = new RegentServer(registry, StoreFactory.blobs(data), clock, ServerConfig.defaults("127.0.0.1", 0, pageKey),
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), audit);
                port = server.start();
            } catch (RuntimeException | IOException e) {
                store.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                server.stop();
            } finally {
                store.close();
            }
        }
    }
}
