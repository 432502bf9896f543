package dev.regent.store.bench;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Params;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.Policies;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.search.Field;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.search.Sort;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.SearchPlans;
import dev.regent.store.StoreFactory;
import dev.regent.store.audit.SigningKeyFile;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Benchmark data, run by hand ({@code bench/search.sh}), never by the test suite: a SQLite data directory (the layout
 * {@code regent serve --data DIR} uses) holding N versions — N/100 models {@code m-00000, m-00001, …} of 100 versions
 * each — written through the store's own transaction API in transactions of 50 models (5,000 versions): for each model
 * {@code insertModel} and its {@code model.create} audit entry, for each version {@code nextVersionNumber},
 * {@code insertVersion} and its {@code version.register} audit entry (the same entries CreateModel and RegisterVersion
 * write, through {@code appendAudit}, so the leaf-hash cache is filled and {@code regent audit verify} holds). Then a
 * checkpoint is signed with the data directory's key, so the server has nothing to sign when it starts. The admin
 * {@code admin} and its token come from {@link Registry#bootstrapServerAdmin}, with the token given.
 *
 * <p>Data: model tags {@code team} (10 values, {@code risk} on every 10th model), {@code tier} (3 values) and, on even
 * models, {@code owner}; version tags {@code validated} (true on even versions), {@code env} (dev/test/prod) and
 * {@code batch} ({@code b-%05d} of the version's global index modulo 10,000: 100 versions of 100 different models
 * share a value at 1M); a run id on every 4th version, a digest on every version, one metric ({@code auc}).
 *
 * <p>Arguments: DATA_DIR VERSIONS TOKEN OUT_PREFIX. A directory whose marker file says it holds VERSIONS versions is
 * reused; any other content is deleted and loaded again. Writes OUT_PREFIX.scenarios.tsv (name, path with percent-encoded
 * query, name of the scenario whose next_page_token to add or "-", what it is) and OUT_PREFIX.plans.md (each scenario's
 * SQL as the store runs it, with {@code EXPLAIN QUERY PLAN}).
 */
public final class SearchDataLoader {
    static final int PER_MODEL = 100;
    static final int MODELS_PER_TX = 50;
    static final String MARKER = "search-bench.properties";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Principal ADMIN = Principal.of("admin");
    static final String[] TEAMS = {"risk", "growth", "fraud", "search", "ads", "pricing", "supply", "support", "vision", "speech"};
    static final String[] TIERS = {"gold", "silver", "bronze"};
    static final String[] ENVS = {"dev", "test", "prod"};

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        int versions = Integer.parseInt(args[1]);
        String token = args[2];
        Path out = Path.of(args[3]);
        if (versions % PER_MODEL != 0 || versions / PER_MODEL < 10 || versions / PER_MODEL > 100_000) {
            throw new IllegalArgumentException("VERSIONS must be a multiple of " + PER_MODEL + " with 10..100,000 models");
        }
        int models = versions / PER_MODEL;
        Properties marker = new Properties();
        Path markerFile = data.resolve(MARKER);
        if (Files.exists(markerFile)) {
            try (var in = Files.newInputStream(markerFile)) {
                marker.load(in);
            }
        }
        if (String.valueOf(versions).equals(marker.getProperty("versions")) && token.equals(marker.getProperty("token"))) {
            System.out.println("reusing " + data + " (" + versions + " versions, loaded in " + marker.getProperty("load_seconds") + " s)");
        } else {
            marker = load(data, models, token);
            try (var o = Files.newOutputStream(markerFile)) {
                marker.store(o, "bench/search.sh data set; delete the directory to load again");
            }
        }
        Files.writeString(out.resolveSibling(out.getFileName() + ".load.properties"), String.join("\n",
                "load_seconds=" + marker.getProperty("load_seconds"), "sign_seconds=" + marker.getProperty("sign_seconds"),
                "audit_entries=" + marker.getProperty("audit_entries"), "db_bytes=" + Files.size(data.resolve("regent.db")), ""));
        List<Scenario> scenarios = scenarios(models);
        StringBuilder tsv = new StringBuilder();
        for (Scenario s : scenarios) {
            tsv.append(s.name).append('\t').append(s.path).append('\t').append(s.follows).append('\t').append(s.what).append('\n');
        }
        Files.writeString(out.resolveSibling(out.getFileName() + ".scenarios.tsv"), tsv);
        Path db = data.resolve("regent.db");
        Files.writeString(out.resolveSibling(out.getFileName() + ".plans.md"), plans(db, scenarios, "plans.tsv", out));
        // the same searches with the planner's statistics (ANALYZE, sampled as PRAGMA optimize does), on a copy:
        // the store never runs ANALYZE, so the shipped plans above are made without statistics
        Path analyzed = out.resolveSibling(out.getFileName() + ".analyzed.db");
        Files.copy(db, analyzed, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + analyzed);
             java.sql.Statement s = c.createStatement()) {
            s.execute("PRAGMA analysis_limit = 1000");
            s.execute("ANALYZE");
        }
        System.out.printf("ANALYZE (analysis_limit 1000) on a copy: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Files.writeString(out.resolveSibling(out.getFileName() + ".plans-analyzed.md"),
                plans(analyzed, scenarios, "plans-analyzed.tsv", out));
        Files.delete(analyzed);
    }

    // ------------------------------------------------------------------------------------------------------- load

    static String name(int i) {
        return String.format("m-%05d", i);
    }

    static Properties load(Path data, int models, String token) throws Exception {
        if (Files.exists(data)) {
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(data);
        long t0 = System.nanoTime();
        try (JdbcRegistryStore store = StoreFactory.open(data, null)) {
            Registry registry = new Registry(store, Clock.fixed(T0.minusSeconds(3600), ZoneOffset.UTC), new SecureRandom(),
                    SourceRules.noLocalFiles(), Policies.builtIn(), StoreFactory.blobs(data), true);
            if (registry.access().bootstrapServerAdmin(ADMIN, token).isEmpty()) {
                throw new IllegalStateException("the data directory already had principals");
            }
            for (int first = 0; first < models; first += MODELS_PER_TX) {
                int from = first;
                int to = Math.min(models, first + MODELS_PER_TX);
                store.inTransaction(tx -> {
                    for (int i = from; i < to; i++) {
                        ModelName model = ModelName.of(name(i));
                        Instant created = T0.plusSeconds((long) i * (PER_MODEL + 1));
                        TreeMap<String, String> tags = new TreeMap<>();
                        tags.put("team", TEAMS[i % TEAMS.length]);
                        tags.put("tier", TIERS[i % TIERS.length]);
                        if (i % 2 == 0) {
                            tags.put("owner", "u" + (i % 40));
                        }
                        Model m = new Model(model, Description.of("benchmark model " + i), Tags.of(tags), ADMIN, created, created);
                        tx.insertModel(m);
                        tx.appendAudit(AuditEntry.draft(created, ADMIN, AuditAction.MODEL_CREATE, AuditTarget.model(model),
                                AuditOutcome.APPLIED, "", null, state(m)));
                        for (int v = 1; v <= PER_MODEL; v++) {
                            long global = (long) i * PER_MODEL + (v - 1);
                            Instant at = created.plusSeconds(v);
                            VersionNumber number = tx.nextVersionNumber(model);
                            TreeMap<String, String> vtags = new TreeMap<>();
                            vtags.put("validated", v % 2 == 0 ? "true" : "false");
                            vtags.put("env", ENVS[v % ENVS.length]);
                            vtags.put("batch", String.format("b-%05d", global % 10_000));
                            TreeMap<String, Double> metrics = new TreeMap<>();
                            metrics.put("auc", 0.5 + (global % 500) / 1000.0);
                            ModelVersion version = new ModelVersion(model, number,
                                    SourceUri.of("s3://bench/" + model + "/" + number), Digest.parse(String.format("sha256:%064x", global + 1)),
                                    new Lineage(v % 4 == 0 ? String.format("run-%08x", (global * 2654435761L) & 0xffffffffL) : null, null, null),
                                    Metrics.of(metrics), Params.EMPTY, Description.EMPTY, Tags.of(vtags), Stage.NONE, ADMIN, at, at);
                            tx.insertVersion(version);
                            tx.appendAudit(AuditEntry.draft(at, ADMIN, AuditAction.VERSION_REGISTER,
                                    AuditTarget.version(model, number), AuditOutcome.APPLIED, "", null, state(version)));
                        }
                    }
                    return null;
                });
                if (to % 1000 == 0 || to == models) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("loaded %d models, %d versions in %.0f s (%.0f versions/s)%n", to, (long) to * PER_MODEL, s,
                            to * PER_MODEL / s);
                }
            }
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            long entries = store.read(tx -> tx.auditHead());
            long t1 = System.nanoTime();
            SigningKey key = SigningKeyFile.loadOrCreate(data.resolve(SigningKeyFile.FILE_NAME), "regent.local/audit",
                    new SecureRandom());
            new AuditTree(store, Clock.systemUTC()).checkpoint(key);
            double signSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("loaded %d versions (%d audit entries) in %.1f s; checkpoint signed in %.1f s%n",
                    (long) models * PER_MODEL, entries, loadSeconds, signSeconds);
            Properties p = new Properties();
            p.setProperty("versions", String.valueOf((long) models * PER_MODEL));
            p.setProperty("models", String.valueOf(models));
            p.setProperty("token", token);
            p.setProperty("load_seconds", String.format("%.1f", loadSeconds));
            p.setProperty("sign_seconds", String.format("%.1f", signSeconds));
            p.setProperty("audit_entries", String.valueOf(entries));
            return p;
        }
    }

    /** What CreateModel writes as the audit entry's "after" (StateMaps.of(Model)). */
    static TreeMap<String, String> state(Model m) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("name", m.name().value());
        s.put("description", m.description().text());
        m.tags().values().forEach((k, v) -> s.put("tags." + k, v));
        return s;
    }

    /** What RegisterVersion writes as the audit entry's "after" (StateMaps.of(ModelVersion)). */
    static TreeMap<String, String> state(ModelVersion v) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("model", v.model().value());
        s.put("version", v.number().toString());
        s.put("source", v.source().value());
        v.artifactDigest().ifPresent(d -> s.put("digest", d.value()));
        if (v.lineage().runId() != null) {
            s.put("run_id", v.lineage().runId());
        }
        v.metrics().values().forEach((k, x) -> s.put("metrics." + k, Double.toString(x)));
        v.params().values().forEach((k, x) -> s.put("params." + k, x));
        s.put("description", v.description().text());
        v.tags().values().forEach((k, x) -> s.put("tags." + k, x));
        s.put("stage", v.stage().label());
        return s;
    }

    // -------------------------------------------------------------------------------------------------- scenarios

    /**
     * One HTTP scenario: its path (query percent-encoded), the scenario whose next_page_token it adds ("-": none), what
     * it is, and the search query the server builds from it (null for native listings, which are not SearchRows).
     */
    record Scenario(String name, String path, String follows, String what, SearchQuery query, boolean versions, int limit,
                    int offset) {
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Scenario> scenarios(int models) {
        int mid = models / 2;
        String model = name(mid);
        String tenModels = model.substring(0, 6); // m-0500 at 10,000 models, m-0005 at 100: 10 models, 1,000 versions
        int digits = (int) Math.round(Math.log10(models));
        String tenthOfModels = model.substring(0, 2 + 5 - (digits - 1)); // m-05 at 10,000 models, m-0005 at 100
        String mv = "/api/2.0/mlflow/model-versions/search?";
        String rm = "/api/2.0/mlflow/registered-models/search?";
        Predicate nameEq = Predicate.attribute(Field.NAME, Match.EQ, model);
        List<Sort> byCreatedDesc = List.of(new Sort(Sort.Key.CREATED_AT, false));
        List<Scenario> out = new ArrayList<>();
        out.add(new Scenario("mv-name-eq", mv + "filter=" + q("name='" + model + "'"), "-",
                "versions, name = '" + model + "' (100 results; default max_results 10,000)",
                new SearchQuery(List.of(nameEq), List.of()), true, 10_000, 0));
        out.add(new Scenario("mv-tag-broad", mv + "filter=" + q("tags.validated='true'") + "&max_results=100", "-",
                "versions, version tag validated = 'true' (half of all versions), first 100 by name",
                new SearchQuery(List.of(Predicate.tag("validated", Match.EQ, "true")), List.of()), true, 100, 0));
        out.add(new Scenario("mv-tag-selective", mv + "filter=" + q("tags.batch='b-01234'") + "&max_results=100", "-",
                "versions, version tag batch = 'b-01234' (" + (models >= 10_000 ? "100 versions of 100 models" : "1 version") + ")",
                new SearchQuery(List.of(Predicate.tag("batch", Match.EQ, "b-01234")), List.of()), true, 100, 0));
        out.add(new Scenario("mv-like-prefix", mv + "filter=" + q("name LIKE '" + tenModels + "%'") + "&max_results=100", "-",
                "versions, name LIKE '" + tenModels + "%' (10 models, 1,000 versions), first 100",
                new SearchQuery(List.of(Predicate.attribute(Field.NAME, Match.LIKE, tenModels + "%")), List.of()), true, 100, 0));
        out.add(new Scenario("mv-ordered-p1", mv + "order_by=" + q("creation_timestamp DESC") + "&max_results=100", "-",
                "versions, all, order_by creation_timestamp DESC, page 1 of 100",
                new SearchQuery(List.of(), byCreatedDesc), true, 100, 0));
        out.add(new Scenario("mv-ordered-p2", mv + "order_by=" + q("creation_timestamp DESC") + "&max_results=100", "mv-ordered-p1",
                "the same, page 2 (page_token of page 1)", new SearchQuery(List.of(), byCreatedDesc), true, 100, 100));
        out.add(new Scenario("rm-like-tag", rm + "filter=" + q("name LIKE '" + tenthOfModels + "%' AND tags.team='risk'")
                + "&max_results=100", "-", "models, name LIKE '" + tenthOfModels + "%' AND model tag team = 'risk' ("
                + (models >= 10_000 ? "100 of 1,000" : "1 of 10") + ")",
                new SearchQuery(List.of(Predicate.attribute(Field.NAME, Match.LIKE, tenthOfModels + "%"),
                        Predicate.tag("team", Match.EQ, "risk")), List.of()), false, 100, 0));
        out.add(new Scenario("rm-tag-ordered", rm + "filter=" + q("tags.team='risk'") + "&order_by="
                + q("last_updated_timestamp DESC") + "&max_results=100", "-",
                "models, model tag team = 'risk' (a tenth of all models), order_by last_updated_timestamp DESC, first 100",
                new SearchQuery(List.of(Predicate.tag("team", Match.EQ, "risk")), List.of(new Sort(Sort.Key.UPDATED_AT, false))),
                false, 100, 0));
        out.add(new Scenario("native-versions", "/api/v1/models/" + model + "/versions?page_size=100", "-",
                "native: GET a model's versions, page of 100 (keyset by number, not a search)", null, true, 100, 0));
        int page = Math.min(100, models / 2); // so that a second page exists at every size
        out.add(new Scenario("native-models-p2", "/api/v1/models?page_size=" + page, "native-models-p1",
                "native: GET /api/v1/models page 2 of " + page + " (keyset by name, not a search)", null, false, page, page));
        return out;
    }

    // ------------------------------------------------------------------------------------------------------ plans

    /**
     * Each search scenario's statements and plans as Markdown: the page query in full, of the three child queries
     * (tags, metrics, params of the page's versions) only the plan lines the page query does not have. Also writes
     * OUT_PREFIX.TSV_NAME: scenario, full scans (comma-separated, "-" for none), in-process best ms, rows.
     */
    static String plans(Path db, List<Scenario> scenarios, String tsvName, Path out) throws Exception {
        StringBuilder tsv = new StringBuilder();
        StringBuilder md = new StringBuilder();
        // warm the JIT and the page cache on an index-only search first, so the first figure is not the JVM's start
        Scenario first = scenarios.get(0);
        SearchPlans.versions(db, first.query, first.offset, first.limit + 1, 20);
        for (Scenario s : scenarios) {
            if (s.query == null) {
                continue;
            }
            // the registry asks the store for one result more than the page, to know whether another page follows
            SearchPlans.Explained e = s.versions
                    ? SearchPlans.versions(db, s.query, s.offset, s.limit + 1, 5)
                    : SearchPlans.models(db, s.query, s.offset, s.limit + 1, 5);
            List<String> scans = e.statements().stream().flatMap(st -> st.scans().stream()).distinct().toList();
            md.append("#### ").append(s.name).append(": ").append(s.what).append("\n\n");
            md.append(String.format("In-process (SearchRows on one JDBC connection, best of 5): %.1f ms for %d rows. Full scans: %s.%n%n",
                    e.bestMillis(), e.results(), scans.isEmpty() ? "none" : "`" + String.join("`, `", scans) + "`"));
            tsv.append(s.name).append('\t').append(scans.isEmpty() ? "-" : String.join(", ", scans)).append('\t')
                    .append(String.format("%.1f", e.bestMillis())).append('\t').append(e.results()).append('\n');
            md.append("```\n");
            SearchPlans.Statement page = e.statements().get(0);
            md.append("-- bound: ").append(page.args()).append('\n').append(page.sql()).append('\n');
            for (String line : page.plan()) {
                md.append("   ").append(line).append('\n');
            }
            for (SearchPlans.Statement st : e.statements().subList(1, e.statements().size())) {
                String table = st.sql().replaceAll("(?s).* FROM (\\w+) c JOIN.*", "$1");
                md.append("-- ").append(table).append(" of the page's rows (the page query as a co-routine, then):\n");
                for (String line : st.plan()) {
                    if (!line.startsWith("  ") && !line.startsWith("CO-ROUTINE")) {
                        md.append("   ").append(line).append('\n');
                    }
                }
            }
            md.append("```\n\n");
        }
        Files.writeString(out.resolveSibling(out.getFileName() + "." + tsvName), tsv);
        return md.toString();
    }
}
