package dev.regent.cli.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/** Raw HTTP as a transport: exactly the requests a curl user would send, with the principal's bearer token. */
final class HttpOperations implements Operations {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final Function<String, String> tokens;
    private final HttpClient http = HttpClient.newHttpClient();

    HttpOperations(String base, Function<String, String> tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    @Override
    public String name() {
        return "raw HTTP";
    }

    HttpResponse<String> send(String who, String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
        if (who != null) {
            b.header("Authorization", "Bearer " + tokens.apply(who));
        }
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed", e);
        }
    }

    private Outcome json(String who, String method, String path, Map<String, Object> body) {
        try {
            return Outcome.ofHttpStatus(send(who, method, path, "application/json",
                    body == null ? null : JSON.writeValueAsBytes(body)).statusCode());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String v(String model, int version) {
        return "/api/v1/models/" + model + "/versions/" + version;
    }

    @Override
    public Outcome addPrincipal(String who, String principal, String role) {
        return json(who, "POST", "/api/v1/principals", Map.of("name", principal, "role", role));
    }

    @Override
    public Outcome createModel(String who, String model) {
        return json(who, "POST", "/api/v1/models", Map.of("name", model));
    }

    @Override
    public Outcome register(String who, String model, String source, String digest) {
        return json(who, "POST", "/api/v1/models/" + model + "/versions", Map.of("source", source, "digest", digest));
    }

    @Override
    public Outcome promote(String who, String model, int version, String stage) {
        return json(who, "POST", v(model, version) + "/promote", Map.of("stage", stage, "reason", "scenario"));
    }

    @Override
    public Outcome rollback(String who, String model, String stage) {
        return json(who, "POST", "/api/v1/models/" + model + "/rollback", Map.of("stage", stage, "reason", "scenario"));
    }

    @Override
    public Outcome setAlias(String who, String model, String alias, int version) {
        return json(who, "PUT", "/api/v1/models/" + model + "/aliases/" + alias, Map.of("version", version, "reason", "scenario"));
    }

    @Override
    public Outcome setCard(String who, String model, int version, String markdown) {
        return Outcome.ofHttpStatus(send(who, "PUT", v(model, version) + "/card?format=md", "text/markdown",
                markdown.getBytes(StandardCharsets.UTF_8)).statusCode());
    }

    @Override
    public String addEvidence(String who, String model, int version, String kind, byte[] content) {
        HttpResponse<String> r = send(who, "POST", v(model, version) + "/evidence?kind=" + URLEncoder.encode(kind, StandardCharsets.UTF_8),
                "application/octet-stream", content);
        if (r.statusCode() != 201) {
            throw new AssertionError("evidence upload answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body()).get("changes").get(0).get("target").asText();
    }

    @Override
    public Outcome setTag(String who, String model, int version, String tag, String evidence) {
        return json(who, "PUT", v(model, version) + "/tags/" + tag, Map.of("evidence", evidence));
    }

    @Override
    public Outcome approve(String who, String model, int version, String target) {
        return json(who, "POST", v(model, version) + "/approvals", Map.of("target", target, "decision", "APPROVE"));
    }

    @Override
    public String stageOf(String who, String model, int version) {
        HttpResponse<String> r = send(who, "GET", v(model, version), null, null);
        return r.statusCode() == 200 ? read(r.body()).get("stage").asText() : Outcome.ofHttpStatus(r.statusCode()).name();
    }

    @Override
    public int aliasOf(String who, String model, String alias) {
        JsonNode aliases = read(send(who, "GET", "/api/v1/models/" + model, null, null).body()).get("aliases");
        return aliases != null && aliases.has(alias) ? aliases.get(alias).asInt() : -1;
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
