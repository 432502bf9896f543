package dev.regent.store.bench;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.ProofBuilder;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.RecomputedLog;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.model.Principal;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Benchmark, run by hand ({@code bench/audit-verify.sh}), never by the test suite: builds a SQLite store with N audit
 * entries through the store's own append path (entries and cached leaf hashes, in transactions of 10,000), signs a
 * checkpoint, then times full verification (read every entry, re-encode, re-hash, compare with the cache, rebuild
 * the tree, check the checkpoint) and its parts.
 *
 * <p>Arguments: DATA_DIR [ENTRIES=1000000] [RUNS=3]. An existing store with enough entries is reused.
 */
public final class AuditVerifyBench {
    private static final int BATCH = 10_000;

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "target/audit-bench");
        long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(data);
        try (JdbcRegistryStore store = StoreFactory.open(data, null)) {
            long have = store.read(tx -> tx.auditHead());
            if (have < n) {
                build(store, have, n);
            }
            long size = store.read(tx -> tx.auditHead());
            SigningKey key = SigningKey.fromSeed("bench.regent/audit", new byte[32]);
            AuditTree tree = new AuditTree(store, Clock.systemUTC());
            long t0 = System.nanoTime();
            StoredCheckpoint checkpoint = tree.checkpoint(key);
            System.out.printf("sign (recompute + consistency + sign): %d entries in %.2f s%n", size, secs(t0));

            for (int run = 1; run <= runs; run++) {
                System.out.println("-- run " + run);
                t0 = System.nanoTime();
                List<AuditEntry> entries = new ArrayList<>((int) size);
                store.read(tx -> {
                    long after = 0;
                    while (true) {
                        List<AuditEntry> page = tx.auditEntries(new AuditQuery(null, after, AuditQuery.MAX_LIMIT));
                        if (page.isEmpty()) {
                            return null;
                        }
                        entries.addAll(page);
                        after = page.get(page.size() - 1).seq();
                    }
                });
                report("read entries only (SQL + mapping)", size, t0);
                t0 = System.nanoTime();
                long cached = store.read(tx -> {
                    long count = 0;
                    long after = 0;
                    while (true) {
                        var page = tx.auditLeaves(after, AuditQuery.MAX_LIMIT * 2);
                        if (page.isEmpty()) {
                            return count;
                        }
                        count += page.size();
                        after = page.get(page.size() - 1).seq();
                    }
                });
                report("read cached leaves only", cached, t0);
                t0 = System.nanoTime();
                long rows = rawJdbc(data.resolve("regent.db"));
                report("raw JDBC: every column of the 3 tables, no mapping (" + rows + " rows)", size, t0);
                t0 = System.nanoTime();
                long bytes = 0;
                for (AuditEntry e : entries) {
                    bytes += AuditEncoding.encode(e, null).length;
                }
                report("encode only (" + bytes / size + " bytes/entry)", size, t0);
                t0 = System.nanoTime();
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                byte[] sample = AuditEncoding.encode(entries.get(entries.size() / 2), null);
                for (long i = 0; i < size; i++) {
                    sha.update((byte) 0);
                    sha.update(sample);
                    sha.digest();
                }
                report("SHA-256 only (" + sample.length + "-byte leaves)", size, t0);
                t0 = System.nanoTime();
                MemoryLeaves leaves = new MemoryLeaves();
                for (AuditEntry e : entries) {
                    leaves.add(TreeHasher.leaf(AuditEncoding.encode(e, null)));
                }
                report("encode + leaf hash (in memory)", size, t0);
                t0 = System.nanoTime();
                new ProofBuilder(leaves).root(size);
                report("tree root from leaves", size, t0);
                entries.clear();

                t0 = System.nanoTime();
                RecomputedLog log = store.read(RecomputedLog::of);
                report("RecomputedLog.of (read + encode + hash + compare)", log.leaves().size(), t0);
                t0 = System.nanoTime();
                VerificationReport verified = new AuditVerifier(store).verify(Map.of("bench", checkpoint.note()), key.verifier());
                report("AuditVerifier.verify (everything, " + verified.checkpointsChecked() + " checkpoints, ok="
                        + verified.ok() + ")", verified.size(), t0);
            }
        }
    }

    /** Reads every column of audit_log, audit_fields and audit_evidence with plain JDBC, to time the driver alone. */
    private static long rawJdbc(Path db) throws java.sql.SQLException {
        long rows = 0;
        long chars = 0;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
             java.sql.Statement s = c.createStatement()) {
            for (String query : List.of("SELECT seq, at, actor, action, target, outcome, reason FROM audit_log ORDER BY seq",
                    "SELECT seq, side, name, value FROM audit_fields ORDER BY seq",
                    "SELECT seq, link FROM audit_evidence ORDER BY seq, position")) {
                try (java.sql.ResultSet rs = s.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        rows++;
                        rs.getLong(1);
                        for (int i = 2; i <= columns; i++) {
                            String v = rs.getString(i);
                            chars += v == null ? 0 : v.length();
                        }
                    }
                }
            }
        }
        return chars >= 0 ? rows : -1;
    }

    private static void build(JdbcRegistryStore store, long from, long n) {
        Random random = new Random(1);
        String[] actions = {"version.register", "stage.transition", "tag.set", "evidence.add", "approval.approve", "model.update"};
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        long t0 = System.nanoTime();
        long done = from;
        while (done < n) {
            long upTo = Math.min(n, done + BATCH);
            long start = done;
            store.inTransaction(tx -> {
                for (long i = start; i < upTo; i++) {
                    TreeMap<String, String> before = new TreeMap<>();
                    TreeMap<String, String> after = new TreeMap<>();
                    before.put("stage", "Staging");
                    after.put("stage", "Production");
                    after.put("metrics.auc", "0." + (800 + random.nextInt(199)));
                    String model = "model-" + (i % 500);
                    tx.appendAudit(new AuditEntry(0, base.plusMillis(i * 37), Principal.of("user" + (i % 40)),
                            AuditAction.fromWireName(actions[(int) (i % actions.length)]), model + "/" + (1 + i % 20),
                            AuditOutcome.APPLIED, "bench entry " + i, before, after, i % 3 == 0 ? List.of("ev-" + i) : List.of()));
                }
                return null;
            });
            done = upTo;
            if (done % 100_000 == 0) {
                System.out.printf("built %d entries (%.0f entries/s)%n", done, (done - from) / secs(t0));
            }
        }
        System.out.printf("built %d entries in %.1f s%n", n - from, secs(t0));
    }

    private static void report(String what, long count, long t0) {
        double s = secs(t0);
        System.out.printf("%-60s %,9d in %6.2f s = %,10.0f entries/s%n", what, count, s, count / s);
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
