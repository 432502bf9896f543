package dev.regent.bench;

import dev.regent.core.model.Metrics;
import dev.regent.core.policy.MetricsExpression;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** An eval-report gate's CEL threshold, compiled once at policy load, evaluated per promotion. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GateBenchmark {
    private MetricsExpression expression;
    private Metrics metrics;

    @Setup
    public void compile() {
        expression = MetricsExpression.compile("metrics.auc >= 0.90 && metrics.latency_p99_ms < 50");
        metrics = Metrics.of(Map.of("auc", 0.93, "latency_p99_ms", 41.0, "recall_at_5pct_fpr", 0.71));
    }

    @Benchmark
    public Object evaluate() {
        return expression.evaluate(metrics);
    }
}
