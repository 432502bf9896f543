package dev.regent.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.RegentJson;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.Role;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policies;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/** A real server on a random port over SQLite in a temp dir, with one token per role; one per test class. */
final class TestServer implements AutoCloseable {
    final Path dir;
    final RegistryStore store;
    final Registry registry;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    final RegentServer server;
    final CheckpointSigner audit;
    final int port;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = RegentJson.newMapper();
    /** Secrets by principal name: admin, viewer, contributor, approver, approver2. */
    final Map<String, String> tokens = new LinkedHashMap<>();
    static final Principal ADMIN = Principal.of("admin");

    TestServer(String policyYaml) throws IOException {
        this(policyYaml, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE);
    }

    /** A server whose audit signer follows the given schedule and publishes to the given sink. */
    TestServer(String policyYaml, CheckpointSigner.Schedule schedule, CheckpointSigner.Sink sink) throws IOException {
        this(policyYaml, schedule, sink, null, c -> c, server -> { });
    }

    /** A server whose configuration is the test default changed by {@code configure} (e.g. the UI's run links). */
    TestServer(String policyYaml, java.util.function.UnaryOperator<ServerConfig> configure) throws IOException {
        this(policyYaml, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE, null, configure, server -> { });
    }

    /** A server configured by {@code configure} before it starts (webhook settings, a resolver). */
    static TestServer configured(String policyYaml, java.util.function.Consumer<RegentServer> configure) throws IOException {
        return new TestServer(policyYaml, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE, null, c -> c,
                configure);
    }

    /** A server whose configuration is changed by {@code configureConfig}, then configured by {@code configure} before it starts. */
    static TestServer configured(String policyYaml, java.util.function.UnaryOperator<ServerConfig> configureConfig,
                                 java.util.function.Consumer<RegentServer> configure) throws IOException {
        return new TestServer(policyYaml, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE, null, configureConfig,
                configure);
    }

    /** A server on the given database (a JDBC URL of an empty PostgreSQL schema), or on SQLite when null. */
    TestServer(String policyYaml, String jdbcUrlOrNull) throws IOException {
        this(policyYaml, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE, jdbcUrlOrNull, c -> c, server -> { });
    }

    /** A server that accepts the cosignatures of the given witnesses, on the database given (SQLite when null). */
    static TestServer witnessed(dev.regent.core.audit.tree.Witnesses witnesses, String jdbcUrlOrNull) throws IOException {
        return new TestServer(null, CheckpointSigner.Schedule.defaults(), CheckpointSigner.Sink.NONE, jdbcUrlOrNull, c -> c,
                server -> { }, witnesses);
    }

    private TestServer(String policyYaml, CheckpointSigner.Schedule schedule, CheckpointSigner.Sink sink, String jdbcUrlOrNull,
                       java.util.function.UnaryOperator<ServerConfig> configureConfig,
                       java.util.function.Consumer<RegentServer> configure) throws IOException {
        this(policyYaml, schedule, sink, jdbcUrlOrNull, configureConfig, configure, dev.regent.core.audit.tree.Witnesses.NONE);
    }

    private TestServer(String policyYaml, CheckpointSigner.Schedule schedule, CheckpointSigner.Sink sink, String jdbcUrlOrNull,
                       java.util.function.UnaryOperator<ServerConfig> configureConfig,
                       java.util.function.Consumer<RegentServer> configure,
                       dev.regent.core.audit.tree.Witnesses witnesses) throws IOException {
        dir = Files.createTempDirectory("regent-server-test");
        store = StoreFactory.open(dir, jdbcUrlOrNull);
        Policy policy = policyYaml == null ? Policies.builtIn() : PolicyParser.parse(policyYaml, "test-policy.yaml");
        registry = new Registry(store, clock, new Random(42), SourceRules.references(), policy, StoreFactory.blobs(dir), true);
        tokens.put("admin", registry.access().bootstrapServerAdmin(ADMIN, null).orElseThrow());
        for (String name : new String[] {"viewer", "contributor", "approver", "approver2"}) {
            Role role = Role.parse(name.replace("2", ""));
            addPrincipal(name, new Grant(role, null));
        }
        byte[] key = new byte[32];
        new Random(7).nextBytes(key);
        byte[] seed = new byte[32];
        new Random(11).nextBytes(seed);
        audit = new CheckpointSigner(new AuditTree(store, clock), SigningKey.fromSeed("regent.test/audit", seed), sink, schedule, clock,
                witnesses);
        server = new RegentServer(registry, StoreFactory.blobs(dir), clock, configureConfig.apply(ServerConfig.defaults("127.0.0.1", 0, key)),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT),
                audit);
        configure.accept(server);
        port = server.start();
    }

    /** Registers a principal with a grant and returns its token. */
    String addPrincipal(String name, Grant grant) {
        registry.access().addPrincipal(ADMIN, Principal.of(name), PrincipalKind.USER, grant, false);
        String secret = registry.access().issueToken(ADMIN, Principal.of(name), null, "test", false).secret().orElseThrow();
        tokens.put(name, secret);
        return secret;
    }

    /**
     * Rewrites an entry's reason as a forger would, so that everything stored agrees with the edit: its bytes, its
     * cached leaf hash and its reason column. Only a signed checkpoint still holds the original.
     */
    void rewriteAuditReason(long seq, String reason) {
        tamperAuditColumn(seq, "reason", reason);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("regent.db"))) {
            byte[] original;
            try (java.sql.PreparedStatement read = c.prepareStatement("SELECT entry FROM audit_entries WHERE seq = ?")) {
                read.setLong(1, seq);
                try (java.sql.ResultSet rs = read.executeQuery()) {
                    rs.next();
                    original = rs.getBytes(1);
                }
            }
            dev.regent.core.audit.AuditRecord r = dev.regent.core.audit.AuditDecoding.decode(original);
            dev.regent.core.audit.AuditEntry e = r.entry();
            dev.regent.core.audit.AuditEntry edited = new dev.regent.core.audit.AuditEntry(e.seq(), e.at(), e.actor(), e.action(),
                    e.target(), e.outcome(), reason, e.before(), e.after(), e.evidence());
            byte[] bytes = r.version() == 1 ? dev.regent.core.audit.AuditEncoding.encodeVersion1(edited)
                    : dev.regent.core.audit.AuditEncoding.encode(edited, r.previous().orElse(null));
            try (java.sql.PreparedStatement entry = c.prepareStatement("UPDATE audit_entries SET entry = ? WHERE seq = ?");
                 java.sql.PreparedStatement leaf = c.prepareStatement("UPDATE audit_leaves SET hash = ? WHERE seq = ?")) {
                entry.setBytes(1, bytes);
                entry.setLong(2, seq);
                entry.executeUpdate();
                leaf.setBytes(1, dev.regent.core.audit.merkle.TreeHasher.leaf(bytes).bytes());
                leaf.setLong(2, seq);
                leaf.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tamper with the test database", e);
        }
    }

    /** Replaces the cached leaf hash of an entry as someone with the database file would. */
    void tamperAuditLeaf(long seq, byte[] hash) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("regent.db"));
             java.sql.Statement s = c.createStatement();
             java.sql.PreparedStatement update = c.prepareStatement("UPDATE audit_leaves SET hash = ? WHERE seq = ?")) {
            s.executeUpdate("DROP TRIGGER IF EXISTS audit_leaves_no_update");
            update.setBytes(1, hash);
            update.setLong(2, seq);
            update.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tamper with the test database", e);
        }
    }

    /** Edits one derived column of an audit entry as someone with the database file would (triggers dropped first). */
    void tamperAuditColumn(long seq, String column, String value) {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("regent.db"));
             java.sql.Statement s = c.createStatement()) {
            for (String table : java.util.List.of("audit_log", "audit_fields", "audit_evidence", "audit_entries", "audit_leaves",
                    "checkpoints")) {
                s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_update");
                s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_delete");
            }
            // the column is one of a fixed few, named by the test itself
            try (java.sql.PreparedStatement update = c.prepareStatement("UPDATE audit_log SET " + column + " = ? WHERE seq = ?")) {
                update.setString(1, value);
                update.setLong(2, seq);
                update.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tamper with the test database", e);
        }
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    HttpResponse<String> send(String method, String path, String as, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (as != null) {
            b.header("Authorization", "Bearer " + tokens.getOrDefault(as, as));
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String as) {
        return send("GET", path, as, null);
    }

    HttpResponse<String> post(String path, String as, String body, String... headers) {
        return send("POST", path, as, body, headers);
    }

    JsonNode tree(HttpResponse<String> response) {
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        void set(Instant instant) {
            now.set(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
