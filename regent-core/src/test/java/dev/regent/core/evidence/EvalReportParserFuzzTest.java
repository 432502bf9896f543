package dev.regent.core.evidence;

import dev.regent.core.input.HostileInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Issue 17: the eval-report parser, over hostile bytes, yields a report or INVALID_ARGUMENT, quickly. */
class EvalReportParserFuzzTest {
    private static final String REPORT = """
            {
              "metrics": {"auc": 0.93, "recall_at_5pct_fpr": 0.71, "latency_p99_ms": 41},
              "dataset": "loans-holdout@2025-h2",
              "passed": true,
              "thresholds": {"auc": ">= 0.90", "latency_p99_ms": "< 50"}
            }
            """;

    @Property(tries = 300)
    void reports(@ForAll("report") String text) {
        HostileInput.valueOrInvalid(text, s -> EvalReportParser.parse(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 100)
    void rawBytes(@ForAll("bytes") byte[] bytes) {
        HostileInput.valueOrInvalid(new String(bytes, StandardCharsets.ISO_8859_1),
                s -> EvalReportParser.parse(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Provide
    Arbitrary<String> report() {
        return HostileInput.around(List.of(REPORT, "{\"metrics\":{\"a\":1e308},\"dataset\":\"d@1\"}"),
                List.of("[", "{\"metrics\":", "{\"a\":", "[{"));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2000);
    }
}
