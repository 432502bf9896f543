// HTTP load generator for Regent's benchmark suite (bench/run.sh). Run by hand, never by the test suite.
// A single-file program (java bench/Loadgen.java ...), JDK only: java.net.http, one platform thread per virtual
// user (Java 17 has no virtual threads), one HttpClient (hence one HTTP/1.1 connection) per virtual user, exact
// latency percentiles from a sorted array of every request's latency.
//
//   java bench/Loadgen.java load  URL TOKEN MODELS VERSIONS
//       creates MODELS models "bench-m<i>" with VERSIONS versions each, alias "champion" -> version VERSIONS/2
//   java bench/Loadgen.java run   URL TOKEN SECONDS RUNS WARMUP_SECONDS SERVER_PID MODELS VERSIONS OUT.tsv
//       runs every scenario for SECONDS, RUNS times, interleaved (run 1 of every scenario, then run 2, ...) so that
//       each ratio to the ceiling is computed from measurements taken minutes apart at most; one TSV line per
//       scenario and run: scenario, run, users, requests, seconds, rps, p50_ms, p99_ms, errors, first_error.
//       The line "rss <run> <KiB>" is VmRSS of SERVER_PID after the read scenarios of each run.
//   java bench/Loadgen.java report OUT.tsv STARTUP_MS_CSV DATE MACHINE SECONDS RUNS MODELS VERSIONS
//       the Markdown section of docs/benchmarks.md: median (min-max) over the runs, ratios, goals met or not
//   java bench/Loadgen.java load-mlflow URL TOKEN MODELS VERSIONS
//       the same data through the MLflow REST API (registered-models/create, model-versions/create, alias), for an
//       MLflow server (the peer) given to bench/run.sh as BENCH_MLFLOW_URL
//   java bench/Loadgen.java once  URL TOKEN USERS SECONDS METHOD PATH
//       one scenario, printed, for pointing at any server (e.g. an MLflow server) by hand.
//
// Environment of "run": BENCH_TRIVIAL_URL (the trivial Javalin handler, bench/Trivial.java: scenario trivial-8, the
// physical reference every read is divided by), BENCH_MLFLOW_URL (an MLflow server loaded with load-mlflow: the
// peer-* scenarios), BENCH_WRK (path of wrk: read scenarios are then driven by wrk, 2 threads, a Lua script picking a
// path at random per request, which leaves the server more of the 2 cores than this JVM's HttpClient does),
// BENCH_ONLY (a regular expression: only the scenarios whose names match, for measuring one change by hand).
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

public class Loadgen {

    /** What one virtual user sends: a request built for a given sequence number, and the status that counts as success. */
    record Call(String method, String path, String body, int expect) {}

    /**
     * A scenario: what each virtual user sends next. A read scenario also lists every path it picks from (at random,
     * per request) and may target another server (base: the trivial handler, the MLflow peer; null for Regent).
     */
    record Scenario(String name, int users, IntFunction<Call> next, String base, List<String> paths) {
        Scenario(String name, int users, IntFunction<Call> next) {
            this(name, users, next, null, null);
        }

        static Scenario read(String name, int users, String base, List<String> paths) {
            String prefix = base == null ? "" : base;
            return new Scenario(name, users,
                    n -> new Call("GET", prefix + paths.get(ThreadLocalRandom.current().nextInt(paths.size())), null, 200),
                    base, paths);
        }

        boolean isRead() {
            return paths != null;
        }
    }

    record Result(String name, int run, int users, long requests, double seconds, double rps, double p50, double p99,
                  long errors, String firstError) {
        String tsv() {
            return String.join("\t", name, Integer.toString(run), Integer.toString(users), Long.toString(requests),
                    String.format("%.3f", seconds), String.format("%.1f", rps), String.format("%.3f", p50),
                    String.format("%.3f", p99), Long.toString(errors), firstError == null ? "-" : firstError);
        }
    }

    static final AtomicLong UNIQUE = new AtomicLong(System.nanoTime() & 0xffffffffffffL);
    static String base;
    static String token;

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("report")) {
            base = args[1].replaceAll("/+$", "");
            token = args[2];
        }
        switch (args[0]) {
            case "load" -> load(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "load-mlflow" -> loadMlflow(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "run" -> runAll(Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]),
                    Long.parseLong(args[6]), Integer.parseInt(args[7]), Integer.parseInt(args[8]), Path.of(args[9]));
            case "report" -> report(args);
            case "once" -> {
                String method = args[5], path = args[6];
                Result r = measure(new Scenario("once", Integer.parseInt(args[3]), n -> new Call(method, path, null, 200)),
                        Integer.parseInt(args[4]), 1);
                System.out.println(r.tsv());
            }
            default -> throw new IllegalArgumentException("load | run | once");
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpRequest request(Call c) {
        String url = c.path().startsWith("http") ? c.path() : base + c.path();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (c.body() == null) {
            b.method(c.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(c.method(), HttpRequest.BodyPublishers.ofString(c.body()));
        }
        return b.build();
    }

    static void send(HttpClient http, Call c) throws Exception {
        HttpResponse<String> r = http.send(request(c), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != c.expect()) {
            throw new IllegalStateException(c.method() + " " + c.path() + " -> " + r.statusCode() + " " + r.body());
        }
    }

    static String digest() {
        return "sha256:" + String.format("%064x", UNIQUE.incrementAndGet());
    }

    static Call register(String model) {
        String d = digest();
        return new Call("POST", "/api/v1/models/" + model + "/versions",
                "{\"source\":\"s3://bench/" + model + "/" + d.substring(57) + "\",\"digest\":\"" + d + "\"}", 201);
    }

    static void load(int models, int versions) throws Exception {
        HttpClient http = client();
        for (int m = 0; m < models; m++) {
            String name = "bench-m" + m;
            send(http, new Call("POST", "/api/v1/models", "{\"name\":\"" + name + "\",\"description\":\"benchmark\"}", 201));
            for (int v = 1; v <= versions; v++) {
                send(http, register(name));
            }
            send(http, new Call("PUT", "/api/v1/models/" + name + "/aliases/champion",
                    "{\"version\":" + Math.max(1, versions / 2) + ",\"reason\":\"benchmark\"}", 200));
        }
        for (String w : List.of("bench-w1", "bench-w8", "bench-w1m")) {
            send(http, new Call("POST", "/api/v1/models", "{\"name\":\"" + w + "\"}", 201));
        }
        // the transition scenario's model: versions with digests, which the bench policy's Staging gate checks
        send(http, new Call("POST", "/api/v1/models", "{\"name\":\"bench-t\"}", 201));
        for (int v = 1; v <= TRANSITION_VERSIONS; v++) {
            send(http, register("bench-t"));
        }
        System.out.println("loaded " + models + " models x " + versions + " versions");
    }

    /** The same models, versions and aliases through the MLflow REST API (on the MLflow peer). */
    static void loadMlflow(int models, int versions) throws Exception {
        HttpClient http = client();
        String mf = "/api/2.0/mlflow";
        for (int m = 0; m < models; m++) {
            String name = "bench-m" + m;
            send(http, new Call("POST", mf + "/registered-models/create", "{\"name\":\"" + name + "\"}", 200));
            for (int v = 1; v <= versions; v++) {
                send(http, new Call("POST", mf + "/model-versions/create",
                        "{\"name\":\"" + name + "\",\"source\":\"s3://bench/" + name + "/" + v + "\"}", 200));
            }
            send(http, new Call("POST", mf + "/registered-models/alias", "{\"name\":\"" + name
                    + "\",\"alias\":\"champion\",\"version\":\"" + Math.max(1, versions / 2) + "\"}", 200));
        }
        System.out.println("loaded " + models + " models x " + versions + " versions through the MLflow API");
    }

    /** Versions of the transition scenario's model, promoted to Staging in turn (so no two racing promotions pick one). */
    static final int TRANSITION_VERSIONS = 64;
    static final AtomicLong NEXT_TRANSITION = new AtomicLong();

    static Call transition() {
        long n = NEXT_TRANSITION.getAndIncrement();
        return new Call("POST", "/api/v1/models/bench-t/versions/" + (1 + n % TRANSITION_VERSIONS) + "/promote",
                "{\"stage\":\"Staging\",\"reason\":\"benchmark " + n + "\"}", 200);
    }

    /**
     * Replays the transition model's stage history (GET .../history) and returns the most versions that were ever in
     * Staging at the same moment: the scenario's invariant is that this is at most 1.
     */
    static int mostInStagingAtOnce() throws Exception {
        HttpResponse<String> r = client().send(request(new Call("GET", "/api/v1/models/bench-t/history", null, 200)),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\{\"version\":(\\d+),\"from\":\"(\\w+)\",\"to\":\"(\\w+)\"").matcher(r.body());
        java.util.Map<Integer, String> stage = new java.util.HashMap<>();
        int most = 0;
        while (m.find()) {
            stage.put(Integer.parseInt(m.group(1)), m.group(3));
            most = Math.max(most, (int) stage.values().stream().filter("Staging"::equals).count());
        }
        return most;
    }

    /** Every "prefix + model + middle + version + suffix" path of the loaded data (version omitted when middle is null). */
    static List<String> paths(int models, int versions, String prefix, String middle, String suffix) {
        List<String> all = new ArrayList<>();
        for (int m = 0; m < models; m++) {
            if (middle == null) {
                all.add(prefix + "bench-m" + m + suffix);
                continue;
            }
            for (int v = 1; v <= versions; v++) {
                all.add(prefix + "bench-m" + m + middle + v + suffix);
            }
        }
        return all;
    }

    static List<Scenario> scenarios(int models, int versions) {
        String mf = "/api/2.0/mlflow";
        List<Scenario> all = new ArrayList<>();
        String trivial = System.getenv("BENCH_TRIVIAL_URL");
        if (trivial != null && !trivial.isBlank()) {
            all.add(Scenario.read("trivial-8", 8, trivial.replaceAll("/+$", ""), List.of("/trivial")));
        }
        all.add(Scenario.read("health-8", 8, null, List.of("/health")));
        all.add(Scenario.read("health-64", 64, null, List.of("/health")));
        List<Scenario> reads = List.of(
                Scenario.read("native-model-aliases", 8, null, paths(models, versions, "/api/v1/models/", null, "")),
                Scenario.read("native-get-version", 8, null, paths(models, versions, "/api/v1/models/", "/versions/", "")),
                Scenario.read("mlflow-alias", 8, null,
                        paths(models, versions, mf + "/registered-models/alias?name=", null, "&alias=champion")),
                Scenario.read("mlflow-get-latest-versions", 8, null,
                        paths(models, versions, mf + "/registered-models/get-latest-versions?name=", null, "")),
                Scenario.read("mlflow-get-version", 8, null,
                        paths(models, versions, mf + "/model-versions/get?name=", "&version=", "")));
        all.addAll(reads);
        String peer = System.getenv("BENCH_MLFLOW_URL");
        if (peer != null && !peer.isBlank()) {
            for (Scenario r : reads) {
                if (r.name().startsWith("mlflow-")) {
                    all.add(Scenario.read("peer-" + r.name(), r.users(), peer.replaceAll("/+$", ""), r.paths()));
                }
            }
        }
        all.add(new Scenario("register-1-writer", 1, n -> register("bench-w1")));
        all.add(new Scenario("mlflow-register-1-writer", 1, n -> new Call("POST", mf + "/model-versions/create",
                "{\"name\":\"bench-w1m\",\"source\":\"s3://bench/bench-w1m/" + UNIQUE.incrementAndGet() + "\"}", 200)));
        all.add(new Scenario("register-8-writers", 8, n -> register("bench-w8")));
        all.add(new Scenario("transitions-8-writers", 8, n -> transition()));
        return all;
    }

    static void runAll(int seconds, int runs, int warmup, long pid, int models, int versions, Path out) throws Exception {
        String only = System.getenv("BENCH_ONLY"); // a regular expression of scenario names, for a partial run by hand
        List<Scenario> all = scenarios(models, versions).stream()
                .filter(s -> only == null || only.isBlank() || s.name().matches(only)).toList();
        List<String> lines = new ArrayList<>();
        if (warmup > 0) {
            for (Scenario s : all) {
                if (s.isRead()) {
                    Result r = measure(s, warmup, 0);
                    System.out.println("warm-up " + r.tsv());
                }
            }
        }
        for (int run = 1; run <= runs; run++) {
            for (Scenario s : all) {
                Result r = measure(s, seconds, run);
                System.out.println(r.tsv());
                lines.add(r.tsv());
                if (s.name().equals("transitions-8-writers")) {
                    int most = mostInStagingAtOnce();
                    System.out.println("staging\t" + run + "\t" + most);
                    lines.add("staging\t" + run + "\t" + most);
                }
                if (s.name().equals("mlflow-get-version") && pid > 0) { // the last read scenario of Regent
                    String rss = rss(pid);
                    System.out.println("rss\t" + run + "\t" + rss);
                    lines.add("rss\t" + run + "\t" + rss);
                }
            }
            Files.write(out, lines);
        }
    }

    static String rss(long pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) {
                return l.replaceAll("\\D", "");
            }
        }
        return "-1";
    }

    static Result measure(Scenario s, int seconds, int run) throws Exception {
        String wrk = System.getenv("BENCH_WRK");
        if (s.isRead() && wrk != null && !wrk.isBlank()) {
            return Wrk.measure(wrk, s, s.base() == null ? base : s.base(), token, seconds, run);
        }
        int users = s.users();
        long[][] lat = new long[users][];
        int[] count = new int[users];
        long[] errors = new long[users];
        AtomicReference<String> firstError = new AtomicReference<>();
        CountDownLatch ready = new CountDownLatch(users);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        Thread[] threads = new Thread[users];
        for (int u = 0; u < users; u++) {
            int me = u;
            threads[u] = new Thread(() -> {
                HttpClient http = client();
                long[] mine = new long[1 << 14];
                int n = 0;
                try {
                    // open the connection before timing
                    send(http, s.isRead() ? s.next().apply(-1) : new Call("GET", "/health", null, 200));
                } catch (Exception e) {
                    firstError.compareAndSet(null, "connect: " + e);
                }
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long end = window[1];
                while (true) {
                    Call c = s.next().apply(n);
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    try {
                        send(http, c);
                    } catch (Exception e) {
                        errors[me]++;
                        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
                        firstError.compareAndSet(null, msg.replaceAll("\\s+", " ").substring(0, Math.min(200, msg.length())));
                    }
                    long t1 = System.nanoTime();
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = t1 - t0;
                }
                lat[me] = mine;
                count[me] = n;
            }, "vu-" + u);
            threads[u].start();
        }
        ready.await();
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - window[0]) / 1e9; // includes the requests in flight at the deadline
        int total = Arrays.stream(count).sum();
        long[] all = new long[total];
        int at = 0;
        for (int u = 0; u < users; u++) {
            System.arraycopy(lat[u], 0, all, at, count[u]);
            at += count[u];
        }
        Arrays.sort(all);
        return new Result(s.name(), run, users, total, elapsed, total / elapsed, pct(all, 0.50), pct(all, 0.99),
                Arrays.stream(errors).sum(), firstError.get());
    }

    /**
     * Drives a read scenario with wrk (2 threads, the scenario's connections, --latency): a Lua script sends the
     * bearer token and picks one of the scenario's paths at random per request, as the Java users do. Latency
     * percentiles are wrk's (its histogram, reported to 10 µs); non-2xx answers and socket errors count as errors.
     */
    static final class Wrk {
        static Result measure(String wrk, Scenario s, String target, String token, int seconds, int run) throws Exception {
            Path script = Files.createTempFile("loadgen-", ".lua");
            try {
                StringBuilder lua = new StringBuilder("local paths = {\n");
                for (String p : s.paths()) {
                    lua.append("  \"").append(p.replace("\\", "\\\\").replace("\"", "\\\"")).append("\",\n");
                }
                lua.append("}\nwrk.headers[\"Authorization\"] = \"Bearer ").append(token).append("\"\n")
                        .append("request = function()\n  return wrk.format(\"GET\", paths[math.random(#paths)])\nend\n");
                Files.writeString(script, lua);
                Process p = new ProcessBuilder(wrk, "-t2", "-c" + s.users(), "-d" + seconds + "s", "--timeout", "30s",
                        "--latency", "-s", script.toString(), target).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("wrk failed: " + out);
                }
                return parse(s, run, out);
            } finally {
                Files.deleteIfExists(script);
            }
        }

        static Result parse(Scenario s, int run, String out) {
            java.util.regex.Matcher total = java.util.regex.Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)").matcher(out);
            if (!total.find()) {
                throw new IllegalStateException("unexpected wrk output: " + out);
            }
            long requests = Long.parseLong(total.group(1));
            double elapsed = millis(total.group(2), total.group(3)) / 1000;
            long errors = 0;
            String firstError = null;
            java.util.regex.Matcher non2xx = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(out);
            if (non2xx.find()) {
                errors += Long.parseLong(non2xx.group(1));
                firstError = "non-2xx answers: " + non2xx.group(1);
            }
            java.util.regex.Matcher socket = java.util.regex.Pattern
                    .compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(out);
            if (socket.find()) {
                for (int g = 1; g <= 4; g++) {
                    errors += Long.parseLong(socket.group(g));
                }
                firstError = firstError == null ? socket.group() : firstError;
            }
            return new Result(s.name(), run, s.users(), requests, elapsed, requests / elapsed, percentile(out, "50"),
                    percentile(out, "99"), errors, firstError);
        }

        static double percentile(String out, String p) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\n\\s+" + p + "%\\s+([\\d.]+)(us|ms|s|m)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("no " + p + "% latency in wrk's output: " + out);
            }
            return millis(m.group(1), m.group(2));
        }

        static double millis(String value, String unit) {
            double v = Double.parseDouble(value);
            return switch (unit) {
                case "us" -> v / 1000;
                case "ms" -> v;
                case "s" -> v * 1000;
                default -> v * 60_000;
            };
        }
    }

    /** Nearest-rank percentile, in milliseconds. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    // ---------------------------------------------------------------------------------------------------- report

    record Goal(String text, String why) {}

    /** Why a goal is not met and what it would take; read from the code paths (docs/benchmarks.md says more). */
    static final String WHY_READ = "see \"Where the goals stand\" at the top of this page: what is left per request is"
            + " Javalin's routing (each route's pattern tried in registration order: 8 before the native version route,"
            + " 36 before every MLflow route) and Jetty (as the trivial handler's), the memos keyed on the whole value"
            + " (hashed and compared twice per read), and after each round of writes a cold view (every write empties"
            + " it; on PostgreSQL a version's refill is a read transaction of 4 statements). On this 2-core machine the"
            + " load generator shares the cores with the server";

    static final String WHY_POSTGRES_WRITE = "see \"Where the goals stand\" at the top of this page: 16 statements of"
            + " the request's own per registration (12 in the write transaction, 4 in the verification read; 36 before"
            + " this day's changes), each a round trip to a backend scheduled on the same 2 cores, plus a WAL flush per"
            + " commit; 8 writers of one model queue on its row lock and the audit counter's for the length of each"
            + " commit. SQLite got 3x faster the same day, which moved the bar";

    static final String WHY_SQLITE_WRITE = "see \"Where the goals stand\" at the top of this page: group commit shares"
            + " one fsync among the writers that arrive while one runs; the model's live-version count is kept by the"
            + " database and statements are kept prepared, so what is left is CPU per registration on 2 cores shared"
            + " with the load generator (at 1,500/s: < 1.3 ms for both together), and the JIT compiling the write path"
            + " during the first runs (the suite warms up the reads only)";

    /** The goal of a scenario on a database (the table); physical: a trivial-handler reference was measured. */
    static Goal goal(String scenario, String db, boolean physical) {
        boolean postgres = db.equals("PostgreSQL");
        if (scenario.equals("trivial-8")) {
            return new Goal("the physical reference (1.00)", "");
        }
        if (scenario.equals("health-8")) {
            return new Goal(physical ? ">= 0.85 × trivial" : "the reference (1.00)", "the per-request work every"
                    + " route carries (Host check, headers, route table, metrics, access log) on top of Javalin; see the"
                    + " profile in bench/profiles and \"What changed, and why\" at the top of this page");
        }
        if (scenario.equals("health-64")) {
            return new Goal("reference at 64 connections", "");
        }
        if (scenario.startsWith("peer-")) {
            return new Goal("the MLflow peer, for comparison", "");
        }
        if (scenario.equals("register-8-writers")) {
            return new Goal(">= 1,500/s, p99 <= 20 ms", postgres ? WHY_POSTGRES_WRITE : WHY_SQLITE_WRITE);
        }
        if (scenario.contains("register-1-writer")) {
            return new Goal(postgres ? ">= SQLite's rate, p99 <= 20 ms" : "p99 <= 20 ms",
                    postgres ? WHY_POSTGRES_WRITE : WHY_SQLITE_WRITE);
        }
        if (scenario.equals("transitions-8-writers")) {
            return new Goal("0 errors; at most one Staging version at every moment", "see the errors below, or the history replay");
        }
        return new Goal(physical ? ">= 0.6 × trivial, p99 <= 1.5 × trivial's" : ">= 0.6 x ceiling, p99 <= 5 ms", WHY_READ);
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static String mmm(List<Double> xs, String fmt) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        if (s.size() == 1) {
            return String.format(fmt, s.get(0));
        }
        return String.format(fmt + " (" + fmt + "–" + fmt + ")", median(s), s.get(0), s.get(s.size() - 1));
    }

    /** The medians of one scenario over the runs, for comparing across tables (PostgreSQL against SQLite). */
    record Summary(double rps, double p99) {}

    static java.util.Map<String, Summary> summaries(List<String> lines) {
        java.util.Map<String, List<Double>> rps = new java.util.HashMap<>(), p99 = new java.util.HashMap<>();
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f.length < 10) {
                continue;
            }
            rps.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[5]));
            p99.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[7]));
        }
        java.util.Map<String, Summary> out = new java.util.HashMap<>();
        rps.forEach((k, v) -> out.put(k, new Summary(median(v), median(p99.get(k)))));
        return out;
    }

    static boolean isRegentRead(String name) {
        return name.startsWith("native-") || (name.startsWith("mlflow-") && !name.contains("register"));
    }

    /**
     * One scenario table (rows appended to md) from a results file; returns the median p99 of the reference. Ratios
     * are to the trivial handler of the same run (trivial-8) and to Regent's /health (health-8); sqlite holds the
     * SQLite table's medians when this is the PostgreSQL table (its write goals are relative to them), else null.
     */
    static double table(List<String> lines, StringBuilder md, List<String> notes, List<String> readsNotMet, String db,
                        java.util.Map<String, Summary> sqlite) {
        java.util.LinkedHashMap<String, java.util.TreeMap<Integer, String[]>> byScenario = new java.util.LinkedHashMap<>();
        List<Double> staging = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f[0].equals("rss")) {
                continue;
            }
            if (f[0].equals("staging")) {
                staging.add(Double.parseDouble(f[2]));
                continue;
            }
            byScenario.computeIfAbsent(f[0], k -> new java.util.TreeMap<>()).put(Integer.parseInt(f[1]), f);
        }
        java.util.TreeMap<Integer, String[]> health = byScenario.get("health-8");
        java.util.TreeMap<Integer, String[]> trivial = byScenario.get("trivial-8");
        boolean physical = trivial != null;
        java.util.TreeMap<Integer, String[]> reference = physical ? trivial : health;
        double refP99 = median(reference.values().stream().map(f -> Double.parseDouble(f[7])).toList());
        md.append("| Scenario | conns | requests/s | × trivial | × /health | p50 ms | p99 ms | errors | Goal | Met? |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : byScenario.entrySet()) {
            String name = e.getKey();
            List<Double> rps = new ArrayList<>(), ratio = new ArrayList<>(), ratioHealth = new ArrayList<>(),
                    p50 = new ArrayList<>(), p99 = new ArrayList<>();
            long errors = 0, requests = 0;
            String firstError = "-";
            for (var r : e.getValue().entrySet()) {
                String[] f = r.getValue();
                rps.add(Double.parseDouble(f[5]));
                p50.add(Double.parseDouble(f[6]));
                p99.add(Double.parseDouble(f[7]));
                errors += Long.parseLong(f[8]);
                requests += Long.parseLong(f[3]);
                if (!f[9].equals("-") && firstError.equals("-")) {
                    firstError = f[9];
                }
                if (physical && trivial.containsKey(r.getKey())) {
                    ratio.add(Double.parseDouble(f[5]) / Double.parseDouble(trivial.get(r.getKey())[5]));
                }
                ratioHealth.add(Double.parseDouble(f[5]) / Double.parseDouble(health.get(r.getKey())[5]));
            }
            List<Double> refRatio = physical ? ratio : ratioHealth;
            Goal g = goal(name, db, physical);
            String met;
            Summary base = sqlite == null ? null : sqlite.get(name);
            if (name.equals("trivial-8") || name.equals("health-64") || name.startsWith("peer-")
                    || (name.equals("health-8") && !physical)) {
                met = "—";
            } else if (name.equals("health-8")) {
                met = median(ratio) >= 0.85 ? "met" : "**not met**";
            } else if (name.equals("register-8-writers")) {
                met = errors == 0 && median(rps) >= 1500 && median(p99) <= 20 ? "met" : "**not met**";
            } else if (name.contains("register-1-writer")) {
                boolean rate = base == null || median(rps) >= base.rps();
                met = errors == 0 && rate && median(p99) <= 20 ? "met" : "**not met**";
            } else if (name.equals("transitions-8-writers")) {
                double most = staging.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
                met = errors == 0 && most >= 0 && most <= 1 ? "met (history replay: at most " + (int) most + " in Staging)"
                        : "**not met** (history replay: up to " + (int) most + " in Staging at once)";
            } else {
                met = median(refRatio) >= 0.6 && median(p99) <= (physical ? 1.5 * refP99 : 5) ? "met" : "**not met**";
            }
            String goalText = g.text();
            if (base != null && name.contains("register-1-writer")) {
                goalText += String.format(" (SQLite: %.0f/s)", base.rps());
            }
            md.append("| ").append(name).append(" | ").append(e.getValue().firstEntry().getValue()[2]).append(" | ")
                    .append(mmm(rps, "%.0f")).append(" | ").append(physical ? mmm(ratio, "%.2f") : "—").append(" | ")
                    .append(mmm(ratioHealth, "%.2f")).append(" | ")
                    .append(mmm(p50, "%.2f")).append(" | ").append(mmm(p99, "%.2f")).append(" | ")
                    .append(errors).append(" of ").append(requests).append(" | ").append(goalText).append(" | ")
                    .append(met).append(" |\n");
            if (met.contains("not") && g.why().equals(WHY_READ)) {
                readsNotMet.add(db + " " + name + (median(refRatio) >= 0.6 ? " (ratio met, p99 not)" : ""));
            } else if (met.contains("not")) {
                notes.add("- **" + name + "** (" + db + "): " + g.why() + ".");
            }
            if (errors > 0) {
                notes.add("- **" + name + "** (" + db + ") errors, first one: `" + firstError.replace("`", "'") + "`");
            }
        }
        return refP99;
    }

    static void report(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        List<Double> starts = Arrays.stream(args[2].split(",")).map(Double::valueOf).toList();
        String date = args[3], machine = args[4], seconds = args[5], runs = args[6], models = args[7], versions = args[8];
        List<Double> restarts = Arrays.stream(args[9].split(",")).map(Double::valueOf).toList();
        List<String> uploads = args[10].equals("-") ? List.of() : Files.readAllLines(Path.of(args[10]));
        List<String> pg = args[11].equals("-") ? List.of() : Files.readAllLines(Path.of(args[11]));
        String flags = args[12];
        List<Double> rss = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f[0].equals("rss")) {
                rss.add(Double.parseDouble(f[2]) / 1024);
            }
        }
        StringBuilder md = new StringBuilder();
        List<String> notes = new ArrayList<>();
        List<String> readsNotMet = new ArrayList<>();
        md.append("## Server: ceiling, hot reads, durable writes, transitions, start-up, memory, uploads (`./bench/run.sh`)\n\n");
        md.append("Generated by `./bench/run.sh` on ").append(date).append(": ").append(runs).append(" runs of ")
                .append(seconds).append(" s per scenario, interleaved (run 1 of every scenario, then run 2, …), after a")
                .append(" warm-up of every read scenario; median (min–max) over the runs. Data loaded through the API: ")
                .append(models).append(" models × ").append(versions)
                .append(" versions, alias `champion` on each; reads pick a model (and version) at random per request.")
                .append(" Ratios are to the trivial Javalin handler (`bench/Trivial.java`: the same Javalin and Jetty, the")
                .append(" same JVM flags, one fixed JSON body and nothing else) and to Regent's `GET /health`, both at 8")
                .append(" connections **in the same run**. Read scenarios are driven by ")
                .append(System.getenv("BENCH_WRK") == null || System.getenv("BENCH_WRK").isBlank()
                        ? "the Java load generator" : "wrk (2 threads, a Lua script picking a path at random per request)")
                .append(", writes by the Java load generator (one connection per writer). `peer-*` rows, when present, are")
                .append(" an MLflow server given as BENCH_MLFLOW_URL, loaded with the same data through its REST API.")
                .append(" Transitions promote the 64")
                .append(" versions of one model to Staging in turn through 8 connections, under a policy whose Staging gate")
                .append(" (`artifact_digest`) is evaluated on every promotion.\n\n");
        md.append("Machine: ").append(machine).append(". Server: `./regent serve` with the launcher's JVM flags (`")
                .append(flags).append("`). The load generator (`bench/Loadgen.java`) runs on the same 2 cores as the server.\n\n");
        md.append("### On SQLite (the default)\n\n");
        double ceilingP99 = table(lines, md, notes, readsNotMet, "SQLite", null);
        String startMet = median(starts) <= 1000 ? "met" : "**not met**";
        md.append("| start to first 200 on `/ready`, a new registry (creates the schema, keys, admin) | — | ")
                .append(mmm(starts, "%.0f")).append(" ms | | | | | | <= 1 s | ").append(startMet).append(" |\n");
        String restartMet = median(restarts) <= 1000 ? "met" : "**not met**";
        md.append("| start to first 200 on `/ready`, an existing empty registry | — | ").append(mmm(restarts, "%.0f"))
                .append(" ms | | | | | | <= 1 s | ").append(restartMet).append(" |\n");
        if (startMet.contains("not") || restartMet.contains("not")) {
            notes.add("- **start-up**: measured from launching `./regent serve` (the launcher script, which also runs"
                    + " `find` over the sources to decide whether to rebuild) to the first 200 of `/ready`, polled every"
                    + " 10 ms with curl. The launcher gives the JVM a class-data sharing archive of the server's classes"
                    + " (made once per build) and the store skips Flyway when the schema is current; what remains is the"
                    + " JVM and picocli (~0.4 s), opening the pools and SQLite's native library, and Javalin/Jetty's start"
                    + " (~0.3 s). A new registry also runs Flyway's migrations (~0.7 s) and makes its keys and admin.");
        }
        String rssMet = median(rss) <= 200 ? "met" : "**not met**";
        md.append("| resident memory (VmRSS) after the read scenarios | — | ").append(mmm(rss, "%.0f"))
                .append(" MiB | | | | | | <= 200 MiB | ").append(rssMet).append(" |\n");
        if (rssMet.contains("not")) {
            notes.add("- **memory**: see \"Where the goals stand\" at the top of this page: lowest after the first round's"
                    + " reads, higher after rounds that follow the write scenarios (the heap grows to the writes' allocation"
                    + " rate and SerialGC gives it back slowly); the rest is metaspace, code cache, thread stacks and the"
                    + " class-data archive mapped into memory.");
        }
        if (!uploads.isEmpty()) {
            List<Double> ratio = new ArrayList<>(), mbps = new ArrayList<>(), sha = new ArrayList<>();
            for (String l : uploads) {
                String[] f = l.split("\t");
                double shaSeconds = Double.parseDouble(f[2]), upSeconds = Double.parseDouble(f[3]);
                ratio.add(shaSeconds / upSeconds);
                mbps.add(1024 / upSeconds);
                sha.add(1024 / shaSeconds);
            }
            String upMet = median(ratio) >= 0.8 ? "met" : "**not met**";
            md.append("| artifact upload, 1 GiB (`POST …/blobs`, hashed while streaming) vs `sha256sum` of the same file | 1 | ")
                    .append(mmm(mbps, "%.0f")).append(" MiB/s (sha256sum: ").append(mmm(sha, "%.0f")).append(" MiB/s) | ")
                    .append(mmm(ratio, "%.2f")).append(" × sha256sum | | | | | >= 0.8 × sha256sum | ").append(upMet).append(" |\n");
            if (upMet.contains("not")) {
                notes.add("- **upload**: the upload goes through curl, HTTP and Jetty into the blob store's temporary file"
                        + " (written and fsynced, then hard-linked into place), hashing as it streams; sha256sum only reads"
                        + " a cached file. The difference is the write and the fsync of 1 GiB, and the copy through the"
                        + " loopback socket on a 2-core machine where curl and the server share the cores.");
            }
        }
        md.append("\n");
        if (!pg.isEmpty()) {
            md.append("### On PostgreSQL (the same scenarios, a fresh schema on the local PostgreSQL)\n\n");
            table(pg, md, notes, readsNotMet, "PostgreSQL", summaries(lines));
            md.append("\n");
        }
        if (!readsNotMet.isEmpty()) {
            notes.add(0, "- **hot reads** (" + String.join(", ", readsNotMet) + "): " + WHY_READ + "."
                    + String.format(" The reference itself has a p99 of %.2f ms at 8 connections here (the load generator and the"
                    + " server share 2 cores, so requests queue for CPU).", ceilingP99));
        }
        if (!notes.isEmpty()) {
            md.append("Where a goal is not met, why, and what it would take:\n\n");
            notes.forEach(n -> md.append(n).append("\n"));
        }
        System.out.print(md);
    }
}
