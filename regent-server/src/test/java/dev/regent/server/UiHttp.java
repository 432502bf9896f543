package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The web UI over raw HTTP, the way an attacker (or a test) sees it: forms, cookies and sessions by hand. */
final class UiHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TestServer t;

    UiHttp(TestServer t) {
        this.t = t;
    }

    /** A browser-like session: its cookie and the CSRF token its pages carry. */
    record Session(String cookie, String csrf) {
    }

    String origin() {
        return "http://127.0.0.1:" + t.port;
    }

    HttpResponse<String> request(String method, String path, String cookie, Map<String, String> form, String... headers) {
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

    HttpResponse<String> get(String path, Session s) {
        return request("GET", path, s == null ? null : s.cookie(), null);
    }

    HttpResponse<String> post(String path, Session s, Map<String, String> form, String... headers) {
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
    Session signIn(String principal) {
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

}
