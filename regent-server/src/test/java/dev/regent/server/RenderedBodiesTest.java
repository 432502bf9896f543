package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.api.ListWires;
import dev.regent.api.RegentJson;
import dev.regent.api.VersionWire;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The memo of rendered hot bodies: equal values share one rendering, a different value never gets another's bytes. */
class RenderedBodiesTest {
    private final RenderedBodies bodies = new RenderedBodies(RegentJson.newMapper());

    private static VersionWire version(String description, List<String> aliases, double metric) {
        TreeMap<String, Double> metrics = new TreeMap<>();
        metrics.put("auc", metric);
        return new VersionWire("m", 1, "None", "s3://b/1", null, null, null, null, metrics, new TreeMap<>(), description,
                new TreeMap<>(), "admin", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", aliases);
    }

    @Test
    void equalValuesShareOneRendering() {
        byte[] first = bodies.of(version("d", List.of("champion"), 0.9));
        byte[] second = bodies.of(version("d", List.of("champion"), 0.9));
        assertThat(second).isSameAs(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).contains("\"aliases\":[\"champion\"]");
    }

    @Test
    void anyDifferenceRendersAgain() {
        String base = text(version("d", List.of("champion"), 0.9));
        assertThat(text(version("e", List.of("champion"), 0.9))).isNotEqualTo(base).contains("\"description\":\"e\"");
        assertThat(text(version("d", List.of(), 0.9))).isNotEqualTo(base).contains("\"aliases\":[]");
        assertThat(text(version("d", List.of("champion"), 0.91))).isNotEqualTo(base).contains("0.91");
        // 0.0 and -0.0 are equal numbers but different JSON: the memo keeps them apart (Double.equals)
        assertThat(text(version("d", List.of(), -0.0))).contains("-0.0");
        assertThat(text(version("d", List.of(), 0.0))).doesNotContain("-0.0");
    }

    @Test
    void theMemoIsBounded() {
        for (int i = 0; i < RenderedBodies.MAX_ENTRIES * 2 + 10; i++) {
            bodies.of(new ListWires.Status("s" + i));
        }
        assertThat(bodies.size()).isLessThanOrEqualTo(RenderedBodies.MAX_ENTRIES);
        assertThat(text(new ListWires.Status("ok"))).isEqualTo("{\"status\":\"ok\"}");
    }

    private String text(Object wire) {
        return new String(bodies.of(wire), StandardCharsets.UTF_8);
    }
}
