package dev.regent.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

/**
 * Sends a read (a GET answered with a body in memory) over {@link HttpURLConnection} instead of java.net.http's
 * client (issue 18: latency). A short command makes one request, and the HttpClient's start (its selector thread and
 * executor, an asynchronous pipeline of a few hundred classes) was a sixth of such a command's time; the plain
 * connection's few classes are in the class-data archive. Writes, streams and anything else keep the HttpClient:
 * this connection cannot send PATCH, and it would silently resend a request whose keep-alive connection went stale,
 * harmless only for a GET. Same semantics as the client's: no redirects followed, the same connect and request
 * timeouts, the same headers; https:// verifies the server's certificate and host name (the JDK's defaults), and
 * a plain http:// registry makes no TLS context at all.
 */
final class UrlConnectionReads {
    private UrlConnectionReads() {
    }

    /** Whether this request is a read this transport sends: a GET without a body. */
    static boolean handles(HttpRequest request) {
        return "GET".equals(request.method()) && request.bodyPublisher().isEmpty() && !request.expectContinue();
    }

    /** Sends the read; its answer with the whole body, as the HttpClient's byte-array handler gives it. */
    static HttpResponse<byte[]> send(HttpRequest request, Duration connectTimeout) throws IOException {
        URI uri = request.uri();
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
            request.timeout().ifPresent(t -> connection.setReadTimeout(Math.toIntExact(t.toMillis())));
            for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
                for (String value : header.getValue()) {
                    connection.addRequestProperty(header.getKey(), value);
                }
            }
            connect(connection);
            int status;
            byte[] body;
            try {
                status = connection.getResponseCode();
                try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                    body = in == null ? new byte[0] : in.readAllBytes();
                }
            } catch (SocketTimeoutException e) {
                throw new HttpTimeoutException("request timed out"); // as the HttpClient says it
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (Map.Entry<String, List<String>> field : connection.getHeaderFields().entrySet()) {
                if (field.getKey() != null) { // null: the status line
                    headers.computeIfAbsent(field.getKey(), name -> new ArrayList<>()).addAll(field.getValue());
                }
            }
            return new Answer(request, status, HttpHeaders.of(headers, (name, value) -> true), body);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    /** Connects, failing as the HttpClient fails to connect (so the caller's messages stay the same). */
    private static void connect(HttpURLConnection connection) throws IOException {
        try {
            connection.connect();
        } catch (SocketTimeoutException e) {
            throw new HttpConnectTimeoutException("HTTP connect timed out");
        } catch (SSLException e) {
            throw e; // https: the handshake is part of connecting here, and its failure is told as such
        } catch (IOException e) {
            // the HttpClient reports any failure to connect (unknown host, no route...) as a ConnectException
            ConnectException refused = new ConnectException(e.toString());
            refused.initCause(e);
            throw refused;
        }
    }

    /** The answer, in java.net.http's terms, so callers read it as before. */
    private record Answer(HttpRequest request, int statusCode, HttpHeaders headers, byte[] body)
            implements HttpResponse<byte[]> {
        @Override
        public Optional<HttpResponse<byte[]>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
