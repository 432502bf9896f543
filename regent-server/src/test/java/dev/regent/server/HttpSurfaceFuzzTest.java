package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 17: random method × route of the route table (path parameters filled with real values or garbage) × random
 * query × random body × with or without a token. No answer is a 5xx, every answer comes within a bound, and a
 * refused request (4xx) changes nothing: no applied audit entry appears.
 */
class HttpSurfaceFuzzTest {
    /** A hang detector across HTTP (wall time, so generous for a loaded shared machine), not a speed goal. */
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final List<String> SEGMENTS = List.of("m", "1", "champion", "bias_checked", "ev-00000000000000000000",
            "tok-000000000000", "regent.css", "Production", "%2e%2e", "..", "%00", "%25", "a%2Fb", "%E2%80%AE",
            "%F0%9F%98%80", "%EF%BC%8E%EF%BC%8E", "-1", "0", "99999999999999999999", "1e9", "x".repeat(300),
            "M", "%20", "%FF%FE", "secret-model", "%2e%2e%3b");
    private static final List<String> QUERIES = List.of("", "?dry_run=true&reason=fuzz", "?page_size=-1",
            "?page_size=99999999999999", "?page_token=" + "A".repeat(3000), "?page_token=e30.e30", "?target=%00",
            "?max_results=abc", "?filter=name%20%3D%20'", "?filter=tags.", "?order_by=name%20SIDEWAYS",
            "?filter=" + "(".repeat(2000), "?name=m&version=1", "?target=Production", "?dry_run=maybe",
            "?name=%E2%80%AE&version=-1", "?after=-5", "?limit=0");
    private static final List<String> BODIES = List.of("{}", "{\"name\":\"fuzz\"}", "{\"source\":\"s3://b/x\"}",
            "{\"stage\":\"Production\",\"reason\":\"r\"}", "{\"version\":1,\"reason\":\"r\"}",
            "{\"name\":\"m\",\"version\":\"1\",\"stage\":\"Staging\"}", "{\"yaml\":\"version: 1\\n\",\"reason\":\"r\"}",
            "{\"name\":\"m\",\"filter\":\"tags.\",\"max_results\":1e400}", "{\"created_by\":\"me\"}", "[]", "null", "1",
            "{\"name\":\"\\u202Eevil\"}", "{\"reason\":\"" + "r".repeat(5000) + "\"}");

    private static TestServer t;

    @BeforeContainer
    static void start() throws Exception {
        t = new TestServer(null);
        assertThat(t.post("/api/v1/models", "admin", "{\"name\":\"m\"}").statusCode()).isEqualTo(201);
        assertThat(t.post("/api/v1/models/m/versions", "admin", "{\"source\":\"s3://bucket/m/1\"}").statusCode())
                .isEqualTo(201);
    }

    @AfterContainer
    static void stop() throws Exception {
        t.close();
    }

    @Property(tries = 300)
    void noRouteAnswers5xxHangsOrChangesAnythingWhenItRefuses(@ForAll("route") RouteTable.Entry route,
            @ForAll("method") String otherMethod, @ForAll("segment") String a, @ForAll("segment") String b,
            @ForAll("query") String query, @ForAll("body") String body, @ForAll("token") String token) {
        String method = otherMethod.isEmpty() ? route.method().name() : otherMethod;
        String path = route.path().replaceFirst("\\{[a-z]+}|<[a-z]+>", a).replaceAll("\\{[a-z]+}|<[a-z]+>", b);
        boolean sendsBody = !method.equals("GET") && !method.equals("HEAD") && !body.isEmpty();
        long applied = applied();
        long start = System.nanoTime();
        HttpResponse<String> r = t.send(method, path + query, token.isEmpty() ? null : token, sendsBody ? body : null);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String request = method + " " + path + query + " as " + (token.isEmpty() ? "nobody" : token) + " with "
                + (sendsBody ? preview(body) : "no body");
        assertThat(r.statusCode()).as("%s answered %s", request, preview(r.body())).isLessThan(500);
        assertThat(took).as("time for %s", request).isLessThan(BOUND);
        if (r.statusCode() >= 400) {
            assertThat(applied()).as("applied changes after the refused %s (%s)", request, r.statusCode())
                    .isEqualTo(applied);
        }
    }

    private static long applied() {
        List<AuditEntry> entries = t.registry.governance().audit(TestServer.ADMIN,
                new AuditQuery(null, null, null, 0, AuditQuery.MAX_LIMIT));
        return entries.stream().filter(e -> e.outcome() == AuditOutcome.APPLIED).count();
    }

    @Provide
    Arbitrary<RouteTable.Entry> route() {
        return Arbitraries.of(RouteTable.ALL);
    }

    @Provide
    Arbitrary<String> method() {
        return Arbitraries.<String>frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")));
    }

    @Provide
    Arbitrary<String> segment() {
        return Arbitraries.<String>frequencyOf(Tuple.of(3, Arbitraries.of(SEGMENTS.subList(0, 8))),
                Tuple.of(2, Arbitraries.of(SEGMENTS)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)
                        .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"))));
    }

    @Provide
    Arbitrary<String> query() {
        return Arbitraries.<String>frequencyOf(Tuple.of(4, Arbitraries.of(QUERIES)),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(100)
                        .map(s -> "?filter=" + URLEncoder.encode(s, StandardCharsets.UTF_8))));
    }

    @Provide
    Arbitrary<String> body() {
        Arbitrary<String> sample = Arbitraries.of(BODIES);
        return Arbitraries.<String>frequencyOf(Tuple.of(1, Arbitraries.just("")), Tuple.of(4, sample),
                Tuple.of(2, Combinators.combine(sample, Arbitraries.doubles().between(0, 1))
                        .as((s, f) -> s.substring(0, (int) (s.length() * f)))),
                Tuple.of(1, Combinators.combine(Arbitraries.of("[", "{\"a\":", "{\"tags\":"),
                        Arbitraries.integers().between(65, 200_000)).as((o, n) -> o.repeat(n))),
                Tuple.of(1, Arbitraries.integers().between(20, 3000).map(n -> "{\"version\":1" + "0".repeat(n) + "}")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(200)));
    }

    @Provide
    Arbitrary<String> token() {
        return Arbitraries.of("", "admin", "viewer", "contributor", "approver", "rgt_" + "A".repeat(43), "garbage");
    }

    private static String preview(String s) {
        String shown = s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + " chars)" : s;
        StringBuilder b = new StringBuilder("\"");
        shown.codePoints().forEach(cp -> b.append(cp < 0x20 || cp >= 0x7f ? String.format("\\u%04x", cp) : Character.toString(cp)));
        return b.append('"').toString();
    }
}
