// Webhook benchmark (issue 16), run by bench/webhooks.sh against a running 'regent serve' (never by the tests):
//   java bench/WebhookBench.java URL TOKEN SECONDS RUNS WRITERS MODELS OUT.tsv
// A local receiver (the JDK's HTTP server on 127.0.0.1, 16 threads, answers 204 at once) takes the deliveries. The
// program creates MODELS models and 10 webhooks to the receiver (events: model_version.created), then, RUNS times:
//   none: the 10 webhooks disabled, WRITERS clients register versions (round robin over the models) for SECONDS;
//   ten:  the 10 webhooks enabled, the same load; then waits until every delivery of the run has arrived.
// Each phase reports registrations/s, p50 and p99; "ten" also the deliveries: their rate over the whole run (first
// registration to last delivery), during the writes, and the drain after the writes stopped (the worker's capacity
// when it has a backlog and no write competes). Lines: phase run writers requests seconds rps p50_ms p99_ms errors
// deliveries delivery_rate rate_during_writes drain_rate.
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WebhookBench {
    static String base;
    static String token;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong delivered = new AtomicLong();
    static final AtomicLong lastDelivery = new AtomicLong();
    static final AtomicLong unique = new AtomicLong(System.nanoTime() & 0xffffffffffL);

    public static void main(String[] args) throws Exception {
        base = args[0].replaceAll("/+$", "");
        token = args[1];
        int seconds = Integer.parseInt(args[2]);
        int runs = Integer.parseInt(args[3]);
        int writers = Integer.parseInt(args[4]);
        int models = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        receiver.setExecutor(Executors.newFixedThreadPool(16));
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            delivered.incrementAndGet();
            lastDelivery.set(System.nanoTime());
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        for (int m = 0; m < models; m++) {
            send("POST", "/api/v1/models", "{\"name\":\"wb-" + m + "\"}", 201);
        }
        List<String> hooks = new ArrayList<>();
        Pattern id = Pattern.compile("\"id\"\\s*:\\s*\"(wh_[0-9a-f]+)\"");
        for (int i = 0; i < 10; i++) {
            String body = send("POST", "/api/v1/webhooks", "{\"url\":\"" + hook + "\",\"events\":[\"model_version.created\"],"
                    + "\"description\":\"bench " + i + "\"}", 201);
            Matcher matcher = id.matcher(body);
            if (!matcher.find()) {
                throw new IllegalStateException("no webhook id in " + body);
            }
            hooks.add(matcher.group(1));
        }
        toggle(hooks, false);
        // warm-up: both paths once, unmeasured
        phase("warm-up", 0, Math.max(2, seconds / 3), writers, models, hooks, false);
        phase("warm-up", 0, Math.max(2, seconds / 3), writers, models, hooks, true);
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            // alternate the order, so a drift of the machine's load does not favour one side
            boolean tenFirst = run % 2 == 0;
            for (boolean ten : tenFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
                String line = phase(ten ? "ten" : "none", run, seconds, writers, models, hooks, ten);
                System.out.println(line);
                lines.add(line);
                Files.write(out, lines);
            }
        }
        // the physical reference: what the receiver takes from 8 plain clients (the worker's 8 senders), 1 KiB bodies
        String reference = "receiver-ceiling\t-\t8\t" + ceiling(hook, Math.max(3, seconds / 2)) + "\t-\t-\t-\t-\t-\t-\t-";
        System.out.println(reference);
        lines.add(reference);
        Files.write(out, lines);
        receiver.stop(0);
        System.exit(0);
    }

    /** One phase: the load for {@code seconds}; with the webhooks on, then waits for every delivery of the phase. */
    static String phase(String name, int run, int seconds, int writers, int models, List<String> hooks, boolean on)
            throws Exception {
        toggle(hooks, on);
        long deliveredBefore = delivered.get();
        long[][] lat = new long[writers][];
        int[] count = new int[writers];
        long[] errors = new long[writers];
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int me = w;
            threads[w] = new Thread(() -> {
                long[] mine = new long[1 << 14];
                int n = 0;
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; ; i++) {
                    long t0 = System.nanoTime();
                    if (t0 >= window[1]) {
                        break;
                    }
                    String model = "wb-" + ((me + i * writers) % models);
                    String d = String.format("%064x", unique.incrementAndGet());
                    try {
                        send("POST", "/api/v1/models/" + model + "/versions", "{\"source\":\"s3://bench/" + model + "/"
                                + d.substring(50) + "\",\"digest\":\"sha256:" + d + "\"}", 201);
                    } catch (Exception e) {
                        errors[me]++;
                    }
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = System.nanoTime() - t0;
                }
                lat[me] = mine;
                count[me] = n;
            });
            threads[w].start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + seconds * 1_000_000_000L;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long writesEnd = System.nanoTime();
        long deliveredAtWritesEnd = delivered.get() - deliveredBefore;
        double elapsed = (writesEnd - window[0]) / 1e9;
        int total = Arrays.stream(count).sum();
        long[] all = new long[total];
        int at = 0;
        for (int w = 0; w < writers; w++) {
            System.arraycopy(lat[w], 0, all, at, count[w]);
            at += count[w];
        }
        Arrays.sort(all);
        long errs = Arrays.stream(errors).sum();
        String deliveries = "-\t-\t-\t-";
        if (on) {
            long expected = (long) (total - errs) * hooks.size();
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (delivered.get() - deliveredBefore < expected && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long got = delivered.get() - deliveredBefore;
            double overall = got / ((lastDelivery.get() - window[0]) / 1e9);
            double during = deliveredAtWritesEnd / elapsed;
            long afterWrites = got - deliveredAtWritesEnd;
            double drainSeconds = (lastDelivery.get() - writesEnd) / 1e9;
            String drain = afterWrites > 1000 && drainSeconds > 0 ? String.format("%.0f", afterWrites / drainSeconds) : "-";
            deliveries = got + (got < expected ? "/" + expected : "") + "\t" + String.format("%.0f", overall) + "\t"
                    + String.format("%.0f", during) + "\t" + drain;
        }
        return String.join("\t", name, Integer.toString(run), Integer.toString(writers), Integer.toString(total),
                String.format("%.3f", elapsed), String.format("%.1f", total / elapsed), String.format("%.3f", pct(all, 0.50)),
                String.format("%.3f", pct(all, 0.99)), Long.toString(errs), deliveries);
    }

    /** Requests/s 8 threads of plain POSTs (1 KiB) get through to the receiver, each waiting for its answer. */
    static String ceiling(String hook, int seconds) throws Exception {
        byte[] body = new byte[1024];
        Arrays.fill(body, (byte) 'x');
        AtomicLong n = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        Thread[] threads = new Thread[8];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                while (System.nanoTime() < end) {
                    try {
                        c.send(HttpRequest.newBuilder(URI.create(hook)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        n.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return n.get() + "\t" + String.format("%.3f", elapsed) + "\t" + String.format("%.1f", n.get() / elapsed);
    }

    static void toggle(List<String> hooks, boolean on) throws Exception {
        for (String h : hooks) {
            send("POST", "/api/v1/webhooks/" + h + (on ? "/enable" : "/disable"), null, 200);
        }
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    static String send(String method, String path, String body, int expect) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expect) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }
}
