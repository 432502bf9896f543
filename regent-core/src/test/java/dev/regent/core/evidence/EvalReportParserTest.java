package dev.regent.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvalReportParserTest {

    private static EvalReport parse(String json) {
        return EvalReportParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(String json, String field) {
        return assertInvalid(json.getBytes(StandardCharsets.UTF_8), field);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(byte[] json, String field) {
        return assertThatThrownBy(() -> EvalReportParser.parse(json))
                .isInstanceOf(RegentException.class)
                .hasMessageStartingWith("invalid eval report: ")
                .satisfies(e -> {
                    RegentException r = (RegentException) e;
                    assertThat(r.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    if (field != null) {
                        assertThat(r.details()).containsEntry("field", field);
                    }
                });
    }

    @Test
    void readsAValidReport() {
        EvalReport report = parse("""
                {"metrics": {"auc": 0.93, "recall": 1, "latency p99 (ms)": 12.5e1},
                 "dataset": "payments@v3", "passed": true, "thresholds": {"auc": ">= 0.9", "recall": 0.8}}""");
        assertThat(report.metrics().values()).containsExactly(
                java.util.Map.entry("auc", 0.93), java.util.Map.entry("latency p99 (ms)", 125.0),
                java.util.Map.entry("recall", 1.0));
        assertThat(report.dataset()).isEqualTo("payments@v3");
        assertThat(report.passed()).isTrue();
    }

    @Test
    void passedAndThresholdsAreOptional() {
        EvalReport report = parse("{\"metrics\": {\"auc\": 0.5}, \"dataset\": \"d@1\"}");
        assertThat(report.passed()).isNull();
        assertThat(parse("{\"metrics\": {\"auc\": 0.5}, \"dataset\": \"d@1\", \"passed\": null}").passed()).isNull();
        assertThat(parse("{\"metrics\": {\"auc\": 0.5}, \"dataset\": \"d@1\", \"passed\": false}").passed()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"dataset\": \"d@1\"}|metrics|'metrics' is required",
            "{\"metrics\": null, \"dataset\": \"d@1\"}|metrics|'metrics' is required",
            "{\"metrics\": [], \"dataset\": \"d@1\"}|metrics|must be an object",
            "{\"metrics\": {}, \"dataset\": \"d@1\"}|metrics|must not be empty",
            "{\"metrics\": {\"auc\": \"0.9\"}, \"dataset\": \"d@1\"}|metrics.auc|got a string",
            "{\"metrics\": {\"auc\": true}, \"dataset\": \"d@1\"}|metrics.auc|got a boolean",
            "{\"metrics\": {\"auc\": null}, \"dataset\": \"d@1\"}|metrics.auc|got null",
            "{\"metrics\": {\"auc\": [1]}, \"dataset\": \"d@1\"}|metrics.auc|got an array",
            "{\"metrics\": {\"auc\": {\"v\": 1}}, \"dataset\": \"d@1\"}|metrics.auc|got an object",
            "{\"metrics\": {\"auc\": 1e400}, \"dataset\": \"d@1\"}|metrics.auc|finite",
            "{\"metrics\": {\"\": 1}, \"dataset\": \"d@1\"}|metrics.|not a valid metric name",
            "{\"metrics\": {\" auc\": 1}, \"dataset\": \"d@1\"}|metrics. auc|not a valid metric name",
            "{\"metrics\": {\"a=b\": 1}, \"dataset\": \"d@1\"}|metrics.a=b|not a valid metric name",
            "{\"metrics\": {\"a\\u0001\": 1}, \"dataset\": \"d@1\"}|metrics.a\\u0001|not a valid metric name",
            "{\"metrics\": {\"auc\": 1}}|dataset|'dataset' is required",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": 3}|dataset|must be a string",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"payments\"}|dataset|name@version",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"a b@1\"}|dataset|name@version",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"a@1@2\"}|dataset|name@version",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"@1\"}|dataset|name@version",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"passed\": \"yes\"}|passed|must be true or false",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"passed\": 1}|passed|must be true or false",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"thresholds\": [\">= 1\"]}|thresholds|must be an object",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"thresholds\": {\"auc\": true}}|thresholds.auc|text or a finite number",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"thresholds\": {\"auc\": 1e999}}|thresholds.auc|text or a finite number",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"thresholds\": {\"\": 1}}|thresholds.|not a valid metric name",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"model\": \"x\"}|model|unknown field 'model'",
            "{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\", \"Metrics\": {}}|Metrics|unknown field 'Metrics'"})
    void refusesEveryInvalidField(String json, String field, String message) {
        assertInvalid(json, field).hasMessageContaining(message);
    }

    @Test
    void refusesNonNumericNumbers() {
        assertInvalid("{\"metrics\": {\"auc\": NaN}, \"dataset\": \"d@1\"}", null).hasMessageContaining("malformed JSON");
        assertInvalid("{\"metrics\": {\"auc\": Infinity}, \"dataset\": \"d@1\"}", null).hasMessageContaining("malformed JSON");
        assertInvalid("{\"metrics\": {\"auc\": \"NaN\"}, \"dataset\": \"d@1\"}", "metrics.auc").hasMessageContaining("got a string");
        assertInvalid("{\"metrics\": {\"auc\": -1e309}, \"dataset\": \"d@1\"}", "metrics.auc").hasMessageContaining("finite");
    }

    @Test
    void refusesMalformedJsonWithItsLine() {
        assertInvalid("{\n\"metrics\": {\"auc\": 0.9,},\n\"dataset\": \"d@1\"}", null)
                .hasMessageContaining("malformed JSON at line 2")
                .satisfies(e -> assertThat(((RegentException) e).details()).containsEntry("line", 2));
        assertInvalid("{\"metrics\": {\"auc\": 1, \"auc\": 2}, \"dataset\": \"d@1\"}", null).hasMessageContaining("Duplicate");
        assertInvalid("{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\"} []", null);
        assertInvalid("[1]", null).hasMessageContaining("must be a JSON object");
        assertInvalid("\"x\"", null).hasMessageContaining("must be a JSON object");
        assertInvalid(new byte[0], null).hasMessageContaining("empty");
        assertInvalid("{\"metrics\": " + "[".repeat(100) + "]".repeat(100) + "}", null);
    }

    @Test
    void refusesOversizedReports() {
        String padding = " ".repeat(EvalReportParser.MAX_BYTES);
        assertInvalid("{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@1\"}" + padding, null)
                .hasMessageContaining("the limit is 1048576");
        StringBuilder many = new StringBuilder("{\"dataset\": \"d@1\", \"metrics\": {");
        for (int i = 0; i <= 1000; i++) {
            many.append(i > 0 ? "," : "").append("\"m").append(i).append("\": ").append(i);
        }
        assertInvalid(many.append("}}").toString(), "metrics").hasMessageContaining("1001 entries; the limit is 1000");
        assertInvalid("{\"metrics\": {\"" + "m".repeat(251) + "\": 1}, \"dataset\": \"d@1\"}", null)
                .hasMessageContaining("not a valid metric name");
        assertInvalid("{\"metrics\": {\"auc\": 1}, \"dataset\": \"d@" + "1".repeat(600) + "\"}", "dataset")
                .hasMessageContaining("longer than 500");
    }

    @Test
    void acceptsExactlyTheLimits() {
        StringBuilder many = new StringBuilder("{\"dataset\": \"d@1\", \"metrics\": {");
        for (int i = 0; i < 1000; i++) {
            many.append(i > 0 ? "," : "").append("\"m").append(i).append("\": ").append(i);
        }
        assertThat(parse(many.append("}}").toString()).metrics().values()).hasSize(1000);
        assertThat(parse("{\"metrics\": {\"" + "m".repeat(250) + "\": 1}, \"dataset\": \"d@1\"}").metrics().values())
                .hasSize(1);
    }
}
