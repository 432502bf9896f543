package dev.regent.store.bench;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.model.Principal;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Benchmark, run by hand ({@code bench/audit-writes.sh [DATA_DIR] [SECONDS] [JDBC_URL]}), never by the test suite: 8
 * writer threads each append one audit entry per transaction (the store's own append path: bytes, columns, cached
 * leaf, tiles, model head) on a store an earlier {@code bench/audit-tiles.sh} grew, while a signer thread signs a
 * checkpoint every 1,000 new entries (the default schedule). Prints the append latencies (p50, p99, max) and the
 * signing times: whether writers wait for signing at this size. With REGENT_BENCH_NO_SIGNING=1, the same load alone.
 */
public final class AuditWritesWhileSigningBench {
    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String jdbc = args.length > 2 && !args[2].isEmpty() ? args[2] : null;
        // the same load without the signer, for comparison: REGENT_BENCH_NO_SIGNING=1
        boolean signing = System.getenv("REGENT_BENCH_NO_SIGNING") == null;
        SigningKey key = SigningKey.fromSeed("bench.regent/audit", new byte[32]);
        try (JdbcRegistryStore store = StoreFactory.open(data, jdbc)) {
            AuditTree tree = new AuditTree(store, Clock.systemUTC());
            tree.checkpoint(key);
            long start = store.read(tx -> tx.auditHead());
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> perWriter = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int w = 0; w < 8; w++) {
                long[] latencies = new long[1_000_000];
                perWriter.add(latencies);
                int writer = w;
                threads.add(new Thread(() -> {
                    await(go);
                    int i = 0;
                    while (!stop.get() && i < latencies.length) {
                        long t0 = System.nanoTime();
                        int n = i;
                        store.inTransaction(tx -> {
                            tx.appendAudit(AuditEntry.draft(Instant.now(), Principal.of("writer-" + writer),
                                    AuditAction.STAGE_TRANSITION, "model-" + writer + "/" + (1 + n % 7), AuditOutcome.APPLIED,
                                    "bench write " + n, new TreeMap<>(Map.of("stage", "Staging")),
                                    new TreeMap<>(Map.of("stage", "Production"))));
                            return null;
                        });
                        latencies[i++] = System.nanoTime() - t0;
                    }
                    latencies[latencies.length - 1] = i; // the count, in the last slot
                }, "writer-" + w));
            }
            List<Double> signs = new ArrayList<>();
            Thread signer = new Thread(() -> {
                await(go);
                long last = start;
                while (!stop.get() && signing) {
                    long size = store.read(tx -> tx.auditHead());
                    if (size - last >= 1000) {
                        long t0 = System.nanoTime();
                        last = tree.checkpoint(key).size();
                        signs.add((System.nanoTime() - t0) / 1e6);
                    } else {
                        sleep(5);
                    }
                }
            }, "signer");
            threads.forEach(Thread::start);
            signer.start();
            go.countDown();
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            signer.join();
            List<Long> all = new ArrayList<>();
            for (long[] l : perWriter) {
                int count = (int) l[l.length - 1];
                for (int i = 0; i < count; i++) {
                    all.add(l[i]);
                }
            }
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            double[] s = signs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%s%s, log at %,d entries: %,d appends by 8 writers in %d s (%.0f /s): p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms; %d checkpoints signed meanwhile: median %.1f ms, max %.1f ms%n",
                    jdbc == null ? "SQLite" : "PostgreSQL", signing ? "" : " (no signing)", start, sorted.length, seconds, sorted.length / (double) seconds,
                    pct(sorted, 0.50), pct(sorted, 0.99), sorted[sorted.length - 1] / 1e6, s.length,
                    s.length == 0 ? 0 : s[s.length / 2], s.length == 0 ? 0 : s[s.length - 1]);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
