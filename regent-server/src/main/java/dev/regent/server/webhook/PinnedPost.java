package dev.regent.server.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 POST to an address vetted by {@link DestinationPolicy}: the socket connects to that address (never
 * resolving the name again), TLS verifies the certificate against the URL's host name (SNI included), redirects are
 * not followed (a 3xx is just a failed attempt), the whole answer must arrive within the read timeout, and at most
 * {@code maxResponseBytes} of it are read and kept as a printable excerpt, never interpreted.
 */
public final class PinnedPost {
    private static final int MAX_HEAD_BYTES = 16 * 1024;

    /** The receiver's answer: its status code and the start of its body (or head, if the body never came). */
    public record Answer(int status, String excerpt) {
    }

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxResponseBytes;

    public PinnedPost(Duration connectTimeout, Duration readTimeout, int maxResponseBytes) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Sends the body with the headers; throws IOException when no complete status line came back in time. */
    public Answer post(DestinationPolicy.Vetted to, Map<String, String> headers, byte[] body) throws IOException {
        long deadline = System.nanoTime() + readTimeout.toNanos() + connectTimeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(to.address(), to.port()), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) readTimeout.toMillis());
            Socket socket = to.tls() ? tls(plain, to) : plain;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(head(to, headers, body.length).getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
                return read(new java.io.BufferedInputStream(socket.getInputStream()), deadline);
            } finally {
                if (socket != plain) {
                    socket.close();
                }
            }
        }
    }

    private static Socket tls(Socket plain, DestinationPolicy.Vetted to) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS available", e);
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, to.host(), to.port(), true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!DestinationPolicy.isIpLiteral(to.host())) {
            params.setServerNames(List.of(new SNIHostName(to.host())));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    private static String head(DestinationPolicy.Vetted to, Map<String, String> headers, int length) {
        String path = to.uri().getRawPath() == null || to.uri().getRawPath().isEmpty() ? "/" : to.uri().getRawPath();
        if (to.uri().getRawQuery() != null) {
            path += "?" + to.uri().getRawQuery();
        }
        boolean defaultPort = to.port() == (to.tls() ? 443 : 80);
        String host = to.host().contains(":") ? "[" + to.host() + "]" : to.host();
        StringBuilder b = new StringBuilder();
        b.append("POST ").append(path).append(" HTTP/1.1\r\n");
        b.append("Host: ").append(host).append(defaultPort ? "" : ":" + to.port()).append("\r\n");
        b.append("Content-Type: application/json\r\n");
        b.append("Content-Length: ").append(length).append("\r\n");
        b.append("Connection: close\r\n");
        b.append("User-Agent: Regent-Webhooks/1\r\n");
        headers.forEach((k, v) -> {
            if (k.indexOf('\r') >= 0 || k.indexOf('\n') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header " + k + " would break the request");
            }
            b.append(k).append(": ").append(v).append("\r\n");
        });
        return b.append("\r\n").toString();
    }

    private Answer read(InputStream in, long deadline) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int last4 = 0;
        boolean ended = false;
        // the head, up to the blank line that ends it
        while (!ended) {
            int c = readByte(in, deadline);
            if (c < 0) {
                break;
            }
            headBytes.write(c);
            last4 = (last4 << 8) | c;
            ended = last4 == 0x0d0a0d0a;
            if (headBytes.size() > MAX_HEAD_BYTES) {
                throw new IOException("the answer's header is larger than " + MAX_HEAD_BYTES + " bytes");
            }
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        int lineEnd = head.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[1-5][0-9][0-9]")) {
            throw new IOException("the receiver did not answer HTTP (" + Printable.excerpt(statusLine.getBytes(
                    StandardCharsets.ISO_8859_1), 80) + ")");
        }
        int status = Integer.parseInt(parts[1]);
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        long declared = contentLength(head);
        if (ended && declared != 0) {
            // read what the answer declares (or until it closes), never more than the excerpt keeps
            long wanted = declared < 0 ? maxResponseBytes : Math.min(declared, maxResponseBytes);
            byte[] buffer = new byte[Math.min(8192, Math.max(1, maxResponseBytes))];
            try {
                while (bodyBytes.size() < wanted) {
                    remaining(deadline, in);
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, wanted - bodyBytes.size()));
                    if (n < 0) {
                        break;
                    }
                    bodyBytes.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                // the status came; a body that stalls only shortens the excerpt
            }
        }
        return new Answer(status, Printable.excerpt(bodyBytes.toByteArray(), maxResponseBytes));
    }

    /** The Content-Length the head declares, or -1 when it declares none (or is chunked). */
    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                try {
                    return Long.parseLong(line.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static int readByte(InputStream in, long deadline) throws IOException {
        remaining(deadline, in);
        return in.read();
    }

    private static void remaining(long deadline, InputStream in) throws IOException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("the receiver did not answer within the read timeout");
        }
    }
}
