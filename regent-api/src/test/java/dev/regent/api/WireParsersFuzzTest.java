package dev.regent.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.mlflow.MlflowParams;
import dev.regent.api.mlflow.filter.SearchGrammar;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Issue 17: every parser of the API surfaces' input — request bodies read into the native request records, MLflow
 * parameters, MLflow search filters and order_by — over hostile input yields a value, or refuses with
 * INVALID_ARGUMENT (a RegentException, or a JSON error the one error mapper answers 400), never anything else,
 * within a second.
 */
class WireParsersFuzzTest {
    private static final ObjectMapper MAPPER = RegentJson.newMapper();
    private static final List<Class<?>> BODIES = List.of(Requests.CreateModel.class, Requests.Update.class,
            Requests.RegisterVersion.class, Requests.Promote.class, Requests.Rename.class, Requests.Rollback.class,
            Requests.SetAlias.class, Requests.WithReason.class, Requests.EvidenceByUri.class, Requests.SetTag.class,
            Requests.Decide.class, Requests.AddPrincipal.class, Requests.CreateToken.class, PolicyApply.class,
            GatesWhatIf.class);
    private static final String NASTY = "\u202E\u2066\u2069\u200B\uFEFF\u0000\r\n\t\uD800\uFFFD\u2025{}[]:,\"'`\\/%._*=<>!()aZ09 ";
    private static final List<String> SAMPLES = List.of(
            "{\"name\":\"fraud\",\"description\":\"d\",\"tags\":{\"a\":\"b\"}}",
            "{\"source\":\"s3://b/m/1\",\"digest\":\"sha256:" + "0".repeat(64) + "\",\"run_id\":\"r\",\"metrics\":{\"auc\":0.9},"
                    + "\"params\":{\"lr\":\"0.1\"}}",
            "{\"stage\":\"Production\",\"reason\":\"ok\"}", "{\"version\":2,\"reason\":\"r\"}",
            "{\"yaml\":\"version: 1\\n\",\"source\":\"p.yaml\",\"revision\":1,\"reason\":\"r\"}",
            "{\"target\":\"Production\",\"decision\":\"approve\",\"comment\":\"c\"}",
            "{\"name\":\"bob\",\"kind\":\"user\",\"role\":\"viewer\",\"model\":\"m\"}",
            "{\"principal\":\"bob\",\"expires_in\":\"30d\",\"description\":\"d\"}",
            "{\"name\":\"m\",\"version\":\"1\",\"stage\":\"Staging\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}],"
                    + "\"max_results\":10,\"archive_existing_versions\":true,\"order_by\":[\"name ASC\"]}");

    @Property(tries = 300)
    void requestBodies(@ForAll("json") String body, @ForAll("body") Class<?> type) {
        bounded(body, () -> {
            JsonNode tree = MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
            if (tree != null && tree.isObject()) {
                MAPPER.treeToValue(tree, type);
            }
        });
    }

    @Property(tries = 200)
    void mlflowParameters(@ForAll("json") String body) {
        bounded(body, () -> {
            JsonNode tree = MAPPER.readTree(body.getBytes(StandardCharsets.UTF_8));
            MlflowParams p = MlflowParams.ofBody(tree);
            for (String name : List.of("name", "version", "stage", "tags", "max_results", "order_by",
                    "archive_existing_versions", "filter")) {
                attempt(() -> p.optional(name));
                attempt(() -> p.strings(name));
                attempt(() -> p.bool(name, false));
                attempt(() -> p.integer(name, 0));
                attempt(p::tags);
            }
        });
        MlflowParams q = MlflowParams.ofQuery(Map.of("max_results", List.of(body), "tags", List.of(body)));
        bounded(body, () -> {
            attempt(() -> q.integer("max_results", 0));
            attempt(() -> q.bool("max_results", false));
            attempt(q::tags);
        });
    }

    @Property(tries = 300)
    void searchFiltersAndOrderBy(@ForAll("filter") String filter) {
        bounded(filter, () -> SearchGrammar.MODELS.parseFilter(filter));
        bounded(filter, () -> SearchGrammar.VERSIONS.parseFilter(filter));
        bounded(filter, () -> SearchGrammar.VERSIONS.parseOrderBy(List.of(filter)));
    }

    @Provide
    Arbitrary<Class<?>> body() {
        return Arbitraries.of(BODIES);
    }

    @Provide
    Arbitrary<String> json() {
        return hostile(SAMPLES, List.of("[", "{\"a\":", "{\"tags\":", "[{"));
    }

    @Provide
    Arbitrary<String> filter() {
        return hostile(List.of("name = 'fraud' AND tags.`team` LIKE '%risk%'", "run_id IN ('a', \"b\")",
                "version_number >= 3 and tags.\"a.b\" != 'x'", "name ILIKE '_%'", "creation_timestamp DESC"),
                List.of("(", "'", "name = 'a' AND ", "tags.", "run_id IN ('a', ", "%"));
    }

    private interface Parse {
        void run() throws Exception;
    }

    /** Runs one parse: INVALID_ARGUMENT (or a JSON error that is not a hidden bug) is fine, anything else fails. */
    private static void bounded(String input, Parse parse) {
        // CPU time of this thread, not wall time (a loaded machine stretches that): a guard against quadratic
        // parsing and hangs, not a speed goal
        long start = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try {
            parse.run();
        } catch (RegentException e) {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        } catch (JsonProcessingException e) {
            RegentException inner = RegentJson.regentCause(e);
            if (inner != null) {
                assertThat(inner.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            } else {
                for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                    assertThat(t).as("a bug behind a 400 for %s", preview(input))
                            .isNotInstanceOf(RuntimeException.class).isNotInstanceOf(Error.class);
                }
                assertThat(RegentJson.describe(e)).isNotBlank();
            }
        } catch (Exception | StackOverflowError e) {
            throw new AssertionError("not INVALID_ARGUMENT for " + preview(input) + ": " + e, e);
        }
        assertThat(Duration.ofNanos(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start)).as("CPU time for %s", preview(input))
                .isLessThan(Duration.ofSeconds(2));
    }

    private static void attempt(Parse parse) throws Exception {
        try {
            parse.run();
        } catch (RegentException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    private static Arbitrary<String> hostile(List<String> samples, List<String> openers) {
        Arbitrary<String> sample = Arbitraries.of(samples);
        return Arbitraries.<String>frequencyOf(
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(2, Arbitraries.strings().withChars(NASTY).ofMaxLength(300)),
                Tuple.of(1, Arbitraries.integers().between(20, 5000).map(n -> "{\"version\":1" + "0".repeat(n) + "}")),
                Tuple.of(2, Combinators.combine(Arbitraries.of(openers), Arbitraries.integers().between(50, 100_000))
                        .as((o, n) -> o.repeat(n))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(b -> new String(b, StandardCharsets.UTF_8))),
                Tuple.of(3, Combinators.combine(sample, Arbitraries.doubles().between(0, 1))
                        .as((s, f) -> s.substring(0, (int) (s.length() * f)))),
                Tuple.of(3, Combinators.combine(sample, Arbitraries.doubles().between(0, 1),
                        Arbitraries.strings().withChars(NASTY).ofMinLength(1).ofMaxLength(3)).as((s, f, c) -> {
                            int at = (int) (s.length() * f);
                            return s.substring(0, at) + c + s.substring(Math.min(s.length(), at + 1));
                        })),
                Tuple.of(1, sample));
    }

    private static String preview(String input) {
        String s = input.length() > 100 ? input.substring(0, 100) + "…(" + input.length() + " chars)" : input;
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> b.append(cp < 0x20 || cp >= 0x7f ? String.format("\\u%04x", cp) : Character.toString(cp)));
        return b.append('"').toString();
    }
}
