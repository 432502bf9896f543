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
//   java bench/Loadgen.java once  URL TOKEN USERS SECONDS METHOD PATH
//       one scenario, printed, for pointing at any server (e.g. an MLflow server) by hand.
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

    record Scenario(String name, int users, IntFunction<Call> next) {}

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
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + c.path())).timeout(Duration.ofSeconds(30))
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
        for (String w : List.of("bench-w1", "bench-w8")) {
            send(http, new Call("POST", "/api/v1/models", "{\"name\":\"" + w + "\"}", 201));
        }
        System.out.println("loaded " + models + " models x " + versions + " versions");
    }

    static List<Scenario> scenarios(int models, int versions) {
        IntFunction<String> model = n -> "bench-m" + ThreadLocalRandom.current().nextInt(models);
        IntFunction<Integer> version = n -> 1 + ThreadLocalRandom.current().nextInt(versions);
        String mf = "/api/2.0/mlflow";
        return List.of(
                new Scenario("health-8", 8, n -> new Call("GET", "/health", null, 200)),
                new Scenario("health-64", 64, n -> new Call("GET", "/health", null, 200)),
                new Scenario("native-model-aliases", 8, n -> new Call("GET", "/api/v1/models/" + model.apply(n), null, 200)),
                new Scenario("native-get-version", 8,
                        n -> new Call("GET", "/api/v1/models/" + model.apply(n) + "/versions/" + version.apply(n), null, 200)),
                new Scenario("mlflow-alias", 8,
                        n -> new Call("GET", mf + "/registered-models/alias?name=" + model.apply(n) + "&alias=champion", null, 200)),
                new Scenario("mlflow-get-latest-versions", 8,
                        n -> new Call("GET", mf + "/registered-models/get-latest-versions?name=" + model.apply(n), null, 200)),
                new Scenario("mlflow-get-version", 8,
                        n -> new Call("GET", mf + "/model-versions/get?name=" + model.apply(n) + "&version=" + version.apply(n), null, 200)),
                new Scenario("register-1-writer", 1, n -> register("bench-w1")),
                new Scenario("register-8-writers", 8, n -> register("bench-w8")));
    }

    static void runAll(int seconds, int runs, int warmup, long pid, int models, int versions, Path out) throws Exception {
        List<Scenario> all = scenarios(models, versions);
        List<String> lines = new ArrayList<>();
        if (warmup > 0) {
            for (Scenario s : all) {
                if (!s.name().startsWith("register")) {
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
                if (s.name().equals("mlflow-get-version")) {
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
                    send(http, new Call("GET", "/health", null, 200)); // open the connection before timing
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
    static final String WHY_READ = "every request first authenticates in its own SQLite read transaction (Guard.admit ->"
            + " Registry.authenticate: SHA-256 of the token, token by hash, then the principal), then reads the model"
            + " again through sqlite-jdbc; there is no in-memory view of hot reads and no cache of authenticated tokens."
            + " It would take both, invalidated on commit (and on token revocation)";

    static final java.util.Map<String, Goal> GOALS = java.util.Map.of(
            "health-8", new Goal("the reference (1.00)", ""),
            "health-64", new Goal("reference at 64 connections", ""),
            "register-1-writer", new Goal(">= 1,500/s",
                    "one SQLite write transaction per version with synchronous=FULL in WAL mode (an fsync per commit),"
                    + " the audit entry with its cached leaf hash, and a read-back verification; plans read a one-query"
                    + " version summary (since the VersionSummary fix; before it, every version of the model was read and"
                    + " the rate fell as the model grew). 1,500/s needs < 0.67 ms per commit: group commit, or"
                    + " synchronous=NORMAL (durable across process crashes, not power loss), or a faster disk"),
            "register-8-writers", new Goal("0 errors, p99 <= 50 ms",
                    "the store has one writer connection (StoreFactory: pool of 1), so 8 writers queue behind each other's"
                    + " commit; met in the median run, near the limit in the worst. Group commit (several registrations"
                    + " per fsync) would give headroom"));

    static Goal goal(String scenario) {
        if (GOALS.containsKey(scenario)) {
            return GOALS.get(scenario);
        }
        return new Goal(">= 0.6 x ceiling, p99 <= 5 ms", WHY_READ);
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

    static void report(String[] args) throws Exception {
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        List<Double> starts = Arrays.stream(args[2].split(",")).map(Double::valueOf).toList();
        String date = args[3], machine = args[4], seconds = args[5], runs = args[6], models = args[7], versions = args[8];
        java.util.LinkedHashMap<String, java.util.TreeMap<Integer, String[]>> byScenario = new java.util.LinkedHashMap<>();
        List<Double> rss = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split("\t", -1);
            if (f[0].equals("rss")) {
                rss.add(Double.parseDouble(f[2]) / 1024);
            } else {
                byScenario.computeIfAbsent(f[0], k -> new java.util.TreeMap<>()).put(Integer.parseInt(f[1]), f);
            }
        }
        java.util.TreeMap<Integer, String[]> ceiling = byScenario.get("health-8");
        StringBuilder md = new StringBuilder();
        List<String> notes = new ArrayList<>();
        List<String> readsNotMet = new ArrayList<>();
        md.append("## Server: ceiling, hot reads, durable writes, start-up, memory (`./bench/run.sh`)\n\n");
        md.append("Generated by `./bench/run.sh` on ").append(date).append(": ").append(runs).append(" runs of ")
                .append(seconds).append(" s per scenario, interleaved (run 1 of every scenario, then run 2, …), after a")
                .append(" warm-up of every read scenario; median (min–max) over the runs. Data loaded through the API: ")
                .append(models).append(" models × ").append(versions)
                .append(" versions, alias `champion` on each; reads pick a model (and version) at random per request.")
                .append(" Ratios are to `GET /health` at 8 connections **in the same run**.\n\n");
        md.append("Machine: ").append(machine).append(". Server: `./regent serve` (the launcher's JVM flags:")
                .append(" `-XX:+UseSerialGC -Xshare:auto -XX:MaxRAMPercentage=50`), SQLite in a fresh temporary")
                .append(" directory. The load generator (`bench/Loadgen.java`) runs on the same 2 cores as the server.\n\n");
        md.append("| Scenario | conns | requests/s | × ceiling | p50 ms | p99 ms | errors | Goal | Met? |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (var e : byScenario.entrySet()) {
            String name = e.getKey();
            List<Double> rps = new ArrayList<>(), ratio = new ArrayList<>(), p50 = new ArrayList<>(), p99 = new ArrayList<>();
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
                String[] c = ceiling.get(r.getKey());
                ratio.add(Double.parseDouble(f[5]) / Double.parseDouble(c[5]));
            }
            Goal g = goal(name);
            String met;
            if (name.startsWith("health")) {
                met = "—";
            } else if (name.equals("register-1-writer")) {
                met = median(rps) >= 1500 ? "met" : "**not met**";
            } else if (name.equals("register-8-writers")) {
                met = errors == 0 && median(p99) <= 50 ? "met" : "**not met**";
            } else {
                met = median(ratio) >= 0.6 && median(p99) <= 5 ? "met" : "**not met**";
            }
            md.append("| ").append(name).append(" | ").append(e.getValue().firstEntry().getValue()[2]).append(" | ")
                    .append(mmm(rps, "%.0f")).append(" | ").append(mmm(ratio, "%.2f")).append(" | ")
                    .append(mmm(p50, "%.1f")).append(" | ").append(mmm(p99, "%.1f")).append(" | ")
                    .append(errors).append(" of ").append(requests).append(" | ").append(g.text()).append(" | ")
                    .append(met).append(" |\n");
            if (met.contains("not") && g.why().equals(WHY_READ)) {
                readsNotMet.add(name + (median(ratio) >= 0.6 ? " (ratio met, p99 not)" : ""));
            } else if (met.contains("not")) {
                notes.add("- **" + name + "**: " + g.why() + ".");
            }
            if (errors > 0) {
                notes.add("- **" + name + "** errors, first one: `" + firstError.replace("`", "'") + "`");
            }
        }
        if (!readsNotMet.isEmpty()) {
            List<Double> ceilingP99 = ceiling.values().stream().map(f -> Double.parseDouble(f[7])).toList();
            notes.add(0, "- **hot reads** (" + String.join(", ", readsNotMet) + "): " + WHY_READ + "."
                    + (median(ceilingP99) > 5 ? String.format(" But note that the ceiling itself (`/health`, no"
                    + " authentication, no database) has a p99 of %.1f ms at 8 connections here: with the load generator"
                    + " and the server sharing 2 cores, requests queue for CPU, so the 5 ms p99 goal cannot be reached on"
                    + " this machine by any endpoint; the ratio is the figure that says how far the reads are from the"
                    + " machine's ceiling.", median(ceilingP99)) : ""));
        }
        String startMet = median(starts) <= 1000 ? "met" : "**not met**";
        md.append("| start to first 200 on `/ready`, empty registry | — | ").append(mmm(starts, "%.0f"))
                .append(" ms | | | | | <= 1 s | ").append(startMet).append(" |\n");
        if (startMet.contains("not")) {
            notes.add("- **start-up**: measured from launching `./regent serve` (the launcher script, which also runs"
                    + " `find` over the sources to decide whether to rebuild) to the first 200 of `/ready`, polled every"
                    + " 10 ms with curl; it covers JVM start, Flyway migrations, the bootstrap of the admin and its token and"
                    + " Javalin's start (how it splits was not measured). It would take a class-data sharing archive of the"
                    + " application (AppCDS, `-XX:SharedArchiveFile`), fewer classes loaded eagerly and lazier start-up work.");
        }
        String rssMet = median(rss) <= 250 ? "met" : "**not met**";
        md.append("| resident memory (VmRSS) after the read scenarios | — | ").append(mmm(rss, "%.0f"))
                .append(" MiB | | | | | <= 250 MiB | ").append(rssMet).append(" |\n");
        if (rssMet.contains("not")) {
            notes.add("- **memory**: the launcher bounds the heap only by `-XX:MaxRAMPercentage=50` (half of the machine's"
                    + " RAM), so the serial collector may grow the heap rather than collect; how much of the RSS is heap"
                    + " was not measured (no heap breakdown, no flag tuning in this round). It would take a heap bound and"
                    + " an AppCDS archive chosen by the launcher, checked against these same scenarios.");
        }
        md.append("\n");
        if (!notes.isEmpty()) {
            md.append("Where a goal is not met, why, and what it would take:\n\n");
            notes.forEach(n -> md.append(n).append("\n"));
        }
        System.out.print(md);
    }
}
