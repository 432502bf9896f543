package dev.regent.bench;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory half of audit verification, per entry: the canonical encoding and the Merkle leaf hash (the other
 * half, reading entries out of the database, is measured by bench/audit-verify.sh). An entry like a promotion's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditLeafBenchmark {
    private AuditEntry entry;
    private byte[] encoded;

    @Setup
    public void entry() {
        TreeMap<String, String> before = new TreeMap<>();
        before.put("stage", "Staging");
        TreeMap<String, String> after = new TreeMap<>();
        after.put("stage", "Production");
        after.put("displaced", "41");
        after.put("via", "ui");
        entry = new AuditEntry(123_456, Instant.parse("2026-11-26T15:00:00.123Z"), Principal.of("carol"),
                AuditAction.STAGE_TRANSITION, "model:credit-scorer/42", AuditOutcome.APPLIED,
                "all gates pass; canary clean for 24 h", before, after, List.of("ev-0649132b1fc4313f40a1"));
        encoded = AuditEncoding.encode(entry, null);
    }

    @Benchmark
    public byte[] encode() {
        return AuditEncoding.encode(entry, null);
    }

    @Benchmark
    public Hash leafHash() {
        return TreeHasher.leaf(encoded);
    }

    @Benchmark
    public Hash encodeAndHash() {
        return TreeHasher.leaf(AuditEncoding.encode(entry, null));
    }
}
