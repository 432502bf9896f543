package dev.regent.core.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.regent.core.model.Metrics;
import java.util.Map;

/**
 * A metric threshold written in CEL over {@code metrics} (a map from metric name to number), e.g.
 * {@code metrics.auc >= 0.90 && metrics.latency_p99_ms < 50}. Compiled and type-checked once, when the policy
 * loads; a syntax or type error (or a result that is not a boolean) is refused there, not at promotion time.
 */
public final class MetricsExpression {
    public static final int MAX_LENGTH = 2000;
    private static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .maxExpressionCodePointSize(MAX_LENGTH)
            .build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(OPTIONS)
            .addVar("metrics", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS).build();

    private final String source;
    private final CelRuntime.Program program;

    private MetricsExpression(String source, CelRuntime.Program program) {
        this.source = source;
        this.program = program;
    }

    /** Compiles the expression; throws {@link IllegalArgumentException} with the checker's message when it is invalid. */
    public static MetricsExpression compile(String source) {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("the metrics expression is empty");
        }
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the metrics expression is longer than " + MAX_LENGTH + " characters");
        }
        try {
            CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
            return new MetricsExpression(source, RUNTIME.createProgram(ast));
        } catch (CelValidationException e) {
            throw new IllegalArgumentException("invalid CEL expression '" + source + "': "
                    + e.getErrors().stream().map(i -> i.getMessage()).reduce((a, b) -> a + "; " + b).orElse(e.getMessage()));
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException("cannot prepare CEL expression '" + source + "': " + e.getMessage());
        }
    }

    /** Evaluates against a report's metrics; a missing metric or an evaluation error is a failure that says why. */
    public Outcome evaluate(Metrics metrics) {
        Map<String, Double> values = metrics.values();
        try {
            Object result = program.eval(Map.of("metrics", values));
            boolean passed = Boolean.TRUE.equals(result);
            return new Outcome(passed, passed ? source + " holds for " + values
                    : source + " does not hold for " + values);
        } catch (CelEvaluationException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new Outcome(false, source + " could not be evaluated: " + message
                    + " (does the eval report contain every metric the expression names? it has " + values.keySet() + ")");
        }
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** Whether the threshold held, and a sentence saying so. */
    public record Outcome(boolean passed, String explanation) {
    }
}
