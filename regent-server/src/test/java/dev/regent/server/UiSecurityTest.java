package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web UI's defences over raw HTTP, where an attacker is not a browser: sessions and their cookie, CSRF and
 * same-origin checks on every form, the server's authorization whatever the page shows, escaping, headers, and
 * bad input that changes nothing.
 */
class UiSecurityTest {
    private static TestServer t;
    private static UiWorld world;
    private static ModelName model;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(UiWorld.policy());
        world = new UiWorld(t);
        model = world.model("guarded", "<b>bold</b> & <script>alert(1)</script>", Map.of("k", "\"><script>alert(2)</script>"));
        world.version(model, 1, true);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    /** A browser-like session: its cookie and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {
    }

    private static String origin() {
        return "http://127.0.0.1:" + t.port;
    }

    static HttpResponse<String> request(String method, String path, String cookie, Map<String, String> form, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(origin() + path)).timeout(Duration.ofSeconds(30));
        if (form != null) {
            String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            b.method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/x-www-form-urlencoded");
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String path, Session s) {
        return request("GET", path, s == null ? null : s.cookie(), null);
    }

    static HttpResponse<String> post(String path, Session s, Map<String, String> form, String... headers) {
        return request("POST", path, s == null ? null : s.cookie(), form, headers);
    }

    static Map<String, String> form(String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            out.put(keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
    }

    static String hidden(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : null;
    }

    /** Signs in the way a browser does: fetch the form (and its cookie), post it back with the token. */
    static Session signIn(String principal) {
        HttpResponse<String> page = get("/sign-in", null);
        String formCookie = cookie(page, "regent_sign_in").split(";")[0];
        HttpResponse<String> done = request("POST", "/sign-in", formCookie,
                form("form", hidden(page.body(), "form"), "next", "/", "token", t.tokens.get(principal)), "Origin", origin());
        assertThat(done.statusCode()).isEqualTo(303);
        String session = cookie(done, "regent_session");
        assertThat(session).isNotNull();
        String cookie = session.split(";")[0];
        String csrf = hidden(get("/", new Session(cookie, null)).body(), "csrf");
        return new Session(cookie, csrf);
    }

    private static int approvals() {
        return t.registry.approvals(UiWorld.CONTRIBUTOR, model, VersionNumber.of(1)).size();
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSignOutEndsIt() {
        HttpResponse<String> page = get("/sign-in", null);
        String formCookie = cookie(page, "regent_sign_in").split(";")[0];
        HttpResponse<String> done = request("POST", "/sign-in", formCookie,
                form("form", hidden(page.body(), "form"), "next", "//evil.example/x", "token", t.tokens.get("viewer")),
                "Origin", origin());
        assertThat(cookie(done, "regent_session")).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");
        // an off-site "next" is ignored: no open redirect
        assertThat(done.headers().firstValue("Location")).contains("/");
        // behind a TLS-terminating proxy the cookie is Secure
        HttpResponse<String> tls = request("POST", "/sign-in", formCookie, form("form", hidden(page.body(), "form"),
                "token", t.tokens.get("viewer")), "Origin", origin(), "X-Forwarded-Proto", "https");
        assertThat(cookie(tls, "regent_session")).contains("Secure");

        Session s = signIn("viewer");
        assertThat(get("/", s).statusCode()).isEqualTo(200);
        assertThat(post("/sign-out", s, form("csrf", s.csrf()), "Origin", origin()).statusCode()).isEqualTo(303);
        HttpResponse<String> after = get("/", s);
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location").orElseThrow()).startsWith("/sign-in?next=");
    }

    @Test
    void badTokensAndForgedSignInsGetNoSession() {
        HttpResponse<String> page = get("/sign-in", null);
        String formCookie = cookie(page, "regent_sign_in").split(";")[0];
        HttpResponse<String> bad = request("POST", "/sign-in", formCookie, form("form", hidden(page.body(), "form"),
                "token", "rgt_" + "A".repeat(43)), "Origin", origin());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("not valid");
        assertThat(cookie(bad, "regent_session")).isNull();
        // login CSRF: a sign-in posted from another site, or without the form's own value, is refused
        HttpResponse<String> foreign = request("POST", "/sign-in", formCookie, form("form", hidden(page.body(), "form"),
                "token", t.tokens.get("viewer")), "Origin", "http://evil.example");
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> noValue = request("POST", "/sign-in", null, form("token", t.tokens.get("viewer")),
                "Origin", origin());
        assertThat(noValue.statusCode()).isEqualTo(403);
        assertThat(cookie(noValue, "regent_session")).isNull();
    }

    @Test
    void formsNeedTheSameOriginAndTheCsrfTokenAndChangeNothingOtherwise() {
        Session approver = signIn("approver");
        Map<String, String> approve = form("csrf", approver.csrf(), "target", "Production", "decision", "APPROVE");
        String path = "/models/guarded/versions/1/decision";
        int before = approvals();
        // a cross-origin post, even carrying a valid token (SameSite aside, a browser would send the cookie)
        assertThat(post(path, approver, approve, "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        // a same-origin post without the CSRF token, or with a wrong one
        assertThat(post(path, approver, form("target", "Production", "decision", "APPROVE"), "Origin", origin()).statusCode())
                .isEqualTo(403);
        assertThat(post(path, approver, form("csrf", "x" + approver.csrf(), "target", "Production", "decision", "APPROVE"),
                "Origin", origin()).statusCode()).isEqualTo(403);
        // neither Origin nor Referer
        assertThat(post(path, approver, approve).statusCode()).isEqualTo(403);
        // a Referer from this site stands in for a missing Origin
        assertThat(approvals()).isEqualTo(before);
        HttpResponse<String> ok = post(path, approver, approve, "Referer", origin() + "/models/guarded/versions/1");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(approvals()).isEqualTo(before + 1);
        // no session at all: 401, not a redirect that would drop the form
        assertThat(post(path, null, approve, "Origin", origin()).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerSeesNoActionsAndAForgedPostIsRefused() {
        Session viewer = signIn("viewer");
        String page = get("/models/guarded/versions/1", viewer).body();
        assertThat(page).doesNotContain("id=\"decision-form\"").doesNotContain("id=\"promote-form\"");
        assertThat(get("/models/guarded", viewer).body()).doesNotContain("id=\"rollback-form\"").doesNotContain("id=\"alias-form\"");
        int before = approvals();
        HttpResponse<String> forged = post("/models/guarded/versions/1/decision", viewer,
                form("csrf", viewer.csrf(), "target", "Production", "decision", "APPROVE"), "Origin", origin());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("PERMISSION_DENIED").contains("approver");
        HttpResponse<String> promote = post("/models/guarded/versions/1/promote", viewer,
                form("csrf", viewer.csrf(), "to", "Staging", "reason", "x", "confirm", "yes"), "Origin", origin());
        assertThat(promote.statusCode()).isEqualTo(403);
        assertThat(approvals()).isEqualTo(before);
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, model, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
    }

    @Test
    void aModelOneMayNotReadLooksMissing() {
        t.addPrincipal("outsider", new dev.regent.core.access.Grant(dev.regent.core.access.Role.VIEWER, ModelName.of("elsewhere")));
        Session outsider = signIn("outsider");
        HttpResponse<String> hidden = get("/models/guarded", outsider);
        HttpResponse<String> missing = get("/models/no-such-model", outsider);
        assertThat(hidden.statusCode()).isEqualTo(404);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(get("/", outsider).body()).doesNotContain("guarded");
    }

    @Test
    void userContentIsEscapedAndEveryPageCarriesTheSecurityHeaders() {
        Session viewer = signIn("viewer");
        for (String path : List.of("/", "/models/guarded", "/models/guarded/versions/1", "/audit", "/sign-in", "/models/nope")) {
            HttpResponse<String> r = get(path, viewer);
            assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(r.body()).doesNotContain("<script>alert").doesNotContain("<b>bold</b>");
        }
        String list = get("/", viewer).body();
        assertThat(list).contains("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(list).contains("k=\"&gt;&lt;script&gt;alert(2)&lt;/script&gt;");
        // the only scripts are the site's own file
        assertThat(Pattern.compile("<script(?![^>]*src=\"/static/regent.js\")").matcher(list).find()).isFalse();
    }

    @Test
    void badInputGetsAClearPageAndChangesNothing() {
        Session contributor = signIn("contributor");
        HttpResponse<String> noReason = post("/models/guarded/versions/1/promote", contributor,
                form("csrf", contributor.csrf(), "to", "Staging", "confirm", "yes"), "Origin", origin());
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("A reason is required");
        HttpResponse<String> badStage = post("/models/guarded/versions/1/promote", contributor,
                form("csrf", contributor.csrf(), "to", "Heaven", "reason", "x", "confirm", "yes"), "Origin", origin());
        assertThat(badStage.statusCode()).isEqualTo(400);
        assertThat(badStage.body()).contains("Heaven");
        assertThat(get("/models/guarded/versions/x", contributor).statusCode()).isEqualTo(400);
        assertThat(get("/?offset=-1", contributor).statusCode()).isEqualTo(400);
        assertThat(get("/?stage=Heaven", contributor).statusCode()).isEqualTo(400);
        assertThat(get("/static/../../etc/passwd", contributor).statusCode()).isIn(400, 404);
        assertThat(get("/static/regent.css.bak", contributor).statusCode()).isEqualTo(404);
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, model, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
        // and a dry run really is one: the preview changes nothing
        HttpResponse<String> preview = post("/models/guarded/versions/1/promote", contributor,
                form("csrf", contributor.csrf(), "to", "Staging", "reason", "try"), "Origin", origin());
        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("Dry run").contains("id=\"confirm\"");
        assertThat(t.registry.version(UiWorld.CONTRIBUTOR, model, VersionNumber.of(1)).stage()).isEqualTo(Stage.NONE);
    }

    @Test
    void sessionsEndWithTheirTokenAndAfterAnIdleHour() {
        String secret = t.registry.issueToken(TestServer.ADMIN, dev.regent.core.model.Principal.of("viewer"), null, "ui", false)
                .secret().orElseThrow();
        t.tokens.put("viewer-ui", secret);
        Session s = signIn("viewer-ui");
        assertThat(get("/", s).statusCode()).isEqualTo(200);
        String id = t.registry.tokens(TestServer.ADMIN, dev.regent.core.model.Principal.of("viewer")).stream()
                .filter(k -> "ui".equals(k.description())).findFirst().orElseThrow().id();
        t.registry.revokeToken(TestServer.ADMIN, id, false);
        assertThat(get("/", s).statusCode()).isEqualTo(303);

        Session idle = signIn("viewer");
        t.clock.advance(Duration.ofMinutes(59));
        assertThat(get("/", idle).statusCode()).isEqualTo(200);
        t.clock.advance(Duration.ofMinutes(61));
        assertThat(get("/", idle).statusCode()).isEqualTo(303);
    }
}
