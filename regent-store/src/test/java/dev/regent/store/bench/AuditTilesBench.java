package dev.regent.store.bench;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.model.Principal;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmark, run by hand ({@code bench/audit-tiles.sh}), never by the test suite: grows one SQLite store through the
 * store's own append path to each size given (entries, cached leaves and tile hashes, in transactions of 10,000) and
 * times, at each size, what issue 15 sets goals for: signing a checkpoint after 1,000 new entries (the default
 * schedule), an inclusion and a consistency proof, the start-up check of the stored tree, and full verification.
 *
 * <p>Arguments: DATA_DIR SIZE… (e.g. 10000 100000 1000000). With REGENT_BENCH_JDBC_URL set, the store is that
 * PostgreSQL database instead of DATA_DIR's SQLite file.
 */
public final class AuditTilesBench {
    private static final int BATCH = 10_000;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Files.createDirectories(data);
        SigningKey key = SigningKey.fromSeed("bench.regent/audit", new byte[32]);
        System.out.printf("%s, %d cores, %s%n", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), "Java " + System.getProperty("java.version"));
        String jdbc = System.getenv("REGENT_BENCH_JDBC_URL");
        try (JdbcRegistryStore store = StoreFactory.open(data, jdbc == null || jdbc.isBlank() ? null : jdbc)) {
            System.out.println(store.describe());
            AuditTree tree = new AuditTree(store, Clock.systemUTC());
            for (int i = 1; i < args.length; i++) {
                long target = Long.parseLong(args[i]);
                long t0 = System.nanoTime();
                long had = store.read(tx -> tx.auditHead());
                grow(store, target - 1000);
                double loadSecs = (System.nanoTime() - t0) / 1e9;
                tree.checkpoint(key);
                grow(store, target);
                long size = store.read(tx -> tx.auditHead());
                t0 = System.nanoTime();
                tree.checkpoint(key); // 1,000 entries since the last one, as the default schedule signs
                double sign = ms(t0);
                double[] signAgain = new double[5];
                for (int r = 0; r < signAgain.length; r++) {
                    grow(store, size + (r + 1) * 1000L);
                    t0 = System.nanoTime();
                    tree.checkpoint(key);
                    signAgain[r] = ms(t0);
                }
                long n = store.read(tx -> tx.auditHead());
                double inclusion = median(200, () -> tree.inclusion(1 + (long) (Math.random() * n), n));
                double consistency = median(200, () -> tree.consistency(1 + (long) (Math.random() * (n - 1)), n));
                double startCheck = median(20, () -> tree.checkStoredTree(key.verifier()));
                t0 = System.nanoTime();
                // REGENT_BENCH_NO_VERIFY=1: signing, proofs and the start-up check only (verification: audit-scan.sh)
                VerificationReport report = System.getenv("REGENT_BENCH_NO_VERIFY") != null ? null
                        : new AuditVerifier(store).verify(Map.of(), key.verifier());
                double verifySecs = (System.nanoTime() - t0) / 1e9;
                Arrays.sort(signAgain);
                System.out.printf("size %,d (loaded %,d in %.1f s): sign %.1f ms (then %.1f / %.1f / %.1f ms min/median/max of 5), "
                                + "inclusion %.2f ms, consistency %.2f ms, start-up check %.2f ms, verify %.1f s = %,.0f entries/s (%s)%n",
                        n, n - had, loadSecs, sign, signAgain[0], signAgain[2], signAgain[4], inclusion, consistency, startCheck,
                        verifySecs, n / verifySecs, report == null ? "not run" : report.ok() ? "ok" : "FINDINGS " + report.findings());
            }
        }
    }

    private static void grow(JdbcRegistryStore store, long target) {
        long have = store.read(tx -> tx.auditHead());
        while (have < target) {
            long from = have;
            long to = Math.min(target, from + BATCH);
            store.inTransaction(tx -> {
                for (long s = from; s < to; s++) {
                    TreeMap<String, String> before = new TreeMap<>(Map.of("stage", "Staging", "tags.team", "risk"));
                    TreeMap<String, String> after = new TreeMap<>(Map.of("stage", "Production", "tags.team", "risk"));
                    tx.appendAudit(AuditEntry.draft(Instant.ofEpochMilli(1_700_000_000_000L + s), Principal.of("user-" + s % 50),
                            AuditAction.STAGE_TRANSITION, "model-" + s % 1000 + "/" + (1 + s % 7), AuditOutcome.APPLIED,
                            "promote batch " + s, before, after));
                }
                return null;
            });
            have = to;
        }
    }

    private static double median(int runs, Runnable work) {
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.run();
            t[i] = ms(t0);
        }
        Arrays.sort(t);
        return t[runs / 2];
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
