package dev.regent.server;

import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.blob.BlobStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * The gauges an operator alerts on (docs/operations.md): an audit incident, how far the newest signed checkpoint
 * lags, the free space where blobs and the embedded database live, and the JVM's memory, threads and CPU. Each is
 * read when /metrics is scraped, never on a request's path.
 */
final class OperationalMeters {
    private OperationalMeters() {
    }

    static void bind(MeterRegistry meters, BlobStore blobs, CheckpointSigner audit, Clock clock) {
        Gauge.builder("regent.storage.free", blobs, BlobStore::usableSpace).baseUnit("bytes")
                .description("Usable bytes where the blobs (and the embedded database) live; /ready fails below 16 MiB")
                .register(meters);
        if (audit != null) {
            Gauge.builder("regent.audit.incident", audit, a -> a.incident().isPresent() ? 1 : 0)
                    .description("1 while signing is refused because the audit log does not verify (see the log); 0 otherwise")
                    .register(meters);
            Gauge.builder("regent.audit.checkpoint.entries", audit, a -> a.latest().map(StoredCheckpoint::size).orElse(0L))
                    .description("Entries covered by the newest signed checkpoint").register(meters);
            Gauge.builder("regent.audit.checkpoint.age", audit, a -> a.latest()
                            .map(c -> Duration.between(c.signedAt(), clock.instant()).toMillis() / 1000.0).orElse(Double.NaN))
                    .baseUnit("seconds").description("Seconds since the newest checkpoint was signed").register(meters);
        }
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
    }
}
