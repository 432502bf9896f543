package dev.regent.store.bench;

import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.store.JdbcRegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark, run by hand ({@code bench/audit-scan.sh DATA_DIR [RUNS]}) on a store an earlier {@code bench/audit-tiles.sh}
 * grew: full verification only, and the sequential scan it reads the log with, apart, so a regression shows where.
 */
public final class AuditScanBench {
    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SigningKey key = SigningKey.fromSeed("bench.regent/audit", new byte[32]);
        try (JdbcRegistryStore store = StoreFactory.open(data, null)) {
            long n = store.read(tx -> tx.auditHead());
            // the process's CPU time: verification reads on this thread and hashes on a second one
            com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int r = 0; r < runs; r++) {
                long c0 = cpu.getProcessCpuTime();
                long t0 = System.nanoTime();
                AtomicLong bytes = new AtomicLong();
                store.read(tx -> {
                    tx.scanAudit(e -> bytes.addAndGet(e.bytes().length));
                    return null;
                });
                double scan = (System.nanoTime() - t0) / 1e9;
                double scanCpu = (cpu.getProcessCpuTime() - c0) / 1e9;
                c0 = cpu.getProcessCpuTime();
                t0 = System.nanoTime();
                VerificationReport report = new AuditVerifier(store).verify(Map.of(), key.verifier());
                double verify = (System.nanoTime() - t0) / 1e9;
                double verifyCpu = (cpu.getProcessCpuTime() - c0) / 1e9;
                // wall time and the process's CPU time: on a shared, loaded machine the threads wait for a core, and the
                // CPU time says what the work costs (the database runs in the reading thread, through JNI)
                System.out.printf("%,d entries (%,d bytes): scan %.2f s wall, %.2f s CPU = %,.0f entries/CPU-s; "
                                + "verify %.2f s wall = %,.0f entries/s, %.2f s CPU = %,.0f entries/CPU-s (%s)%n",
                        n, bytes.get(), scan, scanCpu, n / scanCpu, verify, n / verify, verifyCpu, n / verifyCpu,
                        report.ok() ? "ok" : "FINDINGS " + report.findings());
            }
        }
    }
}
