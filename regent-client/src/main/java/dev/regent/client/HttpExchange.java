package dev.regent.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ApiError;
import dev.regent.api.ErrorWire;
import dev.regent.api.RegentJson;
import dev.regent.api.ReportWire;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.report.OperationReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The HTTP plumbing of the client: bearer authentication, JSON with the API's own mapper settings, and errors rebuilt
 * from the error JSON into {@link RegentException}s with the core's codes (so the CLI's exit codes follow). A refusal
 * that carries a report comes back as that report, exactly as the in-process registry returns it.
 */
final class HttpExchange {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final URI base;
    private final String token;
    /** Made on first use: a command whose requests are all reads never makes one ({@link UrlConnectionReads}). */
    private final Supplier<HttpClient> http;
    private final String channel;
    private final ObjectMapper json = RegentJson.newMapper();

    /** An exchange with the registry at {@code base}, whose HttpClient is made only when first needed. */
    HttpExchange(URI base, String token) {
        this(base, token, HttpClients.lazyForRegistry(base), null);
    }

    private HttpExchange(URI base, String token, Supplier<HttpClient> http, String channel) {
        this.base = base;
        this.token = token;
        this.http = http;
        this.channel = channel;
    }

    /** The same exchange, declaring the channel its changes come through (the server records it as "via"). */
    HttpExchange withChannel(String via) {
        return new HttpExchange(base, token, http, via);
    }

    /** The underlying HTTP client, for responses read as streams with their headers. */
    HttpClient client() {
        return http.get();
    }

    ObjectMapper json() {
        return json;
    }

    /** A path under the base URL with query parameters (nulls left out), each value URL-encoded. */
    URI uri(String path, Map<String, ?> query) {
        StringBuilder b = new StringBuilder(base.toString()).append(path);
        char sep = '?';
        for (Map.Entry<String, ?> e : query.entrySet()) {
            if (e.getValue() != null) {
                b.append(sep).append(e.getKey()).append('=')
                        .append(URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return URI.create(b.toString());
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Map<String, Object> query(Object... pairs) {
        Map<String, Object> q = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.put((String) pairs[i], pairs[i + 1]);
        }
        return q;
    }

    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        return channel == null ? b : b.header("Regent-Via", channel);
    }

    HttpRequest.BodyPublisher jsonBody(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode request", e);
        }
    }

    /** A JSON-bodied request builder for a method, with a fresh Idempotency-Key when asked. */
    HttpRequest.Builder withJson(String method, URI uri, Object body, boolean idempotent) {
        HttpRequest.Builder b = request(uri).header("Content-Type", "application/json").method(method, jsonBody(body));
        if (idempotent) {
            b.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return b;
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            if (UrlConnectionReads.handles(request)) {
                return UrlConnectionReads.send(request, HttpClients.CONNECT_TIMEOUT);
            }
            return http.get().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | java.net.http.HttpConnectTimeoutException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "cannot reach the registry at " + base + ": "
                    + (e instanceof ConnectException ? "connection refused" : "no answer in time")
                    + "; is 'regent serve' running there? (the URL comes from --registry, $REGENT_URL or 'regent login')");
        } catch (javax.net.ssl.SSLException e) {
            throw new RegentException(ErrorCode.UNAVAILABLE, "TLS with " + base + " failed (" + e.getMessage() + "): check that "
                    + "the URL's scheme is right (http or https) and that this machine trusts the server's certificate");
        } catch (IOException e) {
            throw new RegentException(ErrorCode.INTERNAL, "request to " + request.uri().getPath() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegentException(ErrorCode.INTERNAL, "interrupted while talking to the registry", e);
        }
    }

    InputStream stream(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = http.get().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                byte[] body = response.body().readAllBytes();
                throw error(response.statusCode(), body);
            }
            return response.body();
        } catch (IOException e) {
            throw new RegentException(ErrorCode.INTERNAL, "request to " + request.uri().getPath() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegentException(ErrorCode.INTERNAL, "interrupted while talking to the registry", e);
        }
    }

    /** Sends and decodes a 2xx JSON answer; anything else becomes a RegentException. */
    <T> T call(HttpRequest request, Class<T> type) {
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw error(response.statusCode(), response.body());
        }
        return decode(response.body(), type);
    }

    /** Sends a mutation: its report, whether applied, planned or refused. */
    OperationReport report(HttpRequest request) {
        HttpResponse<byte[]> response = send(request);
        if (response.statusCode() / 100 == 2) {
            return decode(response.body(), ReportWire.class).toDomain();
        }
        return refusedReport(response.body()).orElseThrow(() -> error(response.statusCode(), response.body()));
    }

    /** The report inside an error body, when the error is a refusal that carries one. */
    Optional<OperationReport> refusedReport(byte[] body) {
        try {
            ErrorWire error = json.readValue(body, ErrorWire.class);
            Object report = error.error().details() == null ? null : error.error().details().get("report");
            return report == null ? Optional.empty() : Optional.of(json.convertValue(report, ReportWire.class).toDomain());
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    <T> T decode(byte[] body, Class<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new RegentException(ErrorCode.INTERNAL, "the registry answered with something that is not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    RegentException error(int status, byte[] body) {
        try {
            ErrorWire error = json.readValue(body, ErrorWire.class);
            ErrorCode code = ApiError.toCoreCode(error.error().code());
            Map<String, Object> details = error.error().details() == null ? Map.of() : error.error().details();
            return new RegentException(code, error.error().message(), details);
        } catch (IOException | RuntimeException e) {
            ErrorCode code = status == 401 ? ErrorCode.UNAUTHENTICATED : status == 403 ? ErrorCode.PERMISSION_DENIED
                    : status == 404 ? ErrorCode.NOT_FOUND : status / 100 == 4 ? ErrorCode.INVALID_ARGUMENT : ErrorCode.INTERNAL;
            return new RegentException(code, "the registry answered HTTP " + status);
        }
    }
}
