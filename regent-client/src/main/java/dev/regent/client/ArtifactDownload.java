package dev.regent.client;

import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * A streamed artifact download whose bytes are hashed as they are read: at the end of the stream the SHA-256 must be
 * the digest the caller expects, else reading throws, so a corrupted or substituted artifact is never taken for
 * the registered one.
 */
final class ArtifactDownload {
    /** The artifact's kind as the server declared it, and the checked body. */
    record Response(ArtifactKind kind, InputStream body) {
    }

    private ArtifactDownload() {
    }

    static Response open(HttpExchange http, String path, String file, Digest expected) {
        Map<String, Object> query = new HashMap<>();
        query.put("path", file);
        HttpRequest request = http.request(http.uri(path, query)).header("Accept", "application/octet-stream").GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                byte[] body;
                try (InputStream in = response.body()) {
                    body = in.readAllBytes();
                }
                throw http.error(response.statusCode(), body);
            }
        } catch (IOException e) {
            throw new RegentException(ErrorCode.INTERNAL, "download of " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegentException(ErrorCode.INTERNAL, "interrupted while downloading " + path, e);
        }
        ArtifactKind kind = ArtifactKind.parse(response.headers().firstValue("Regent-Artifact-Kind").orElse("file"));
        return new Response(kind, new Checked(response.body(), expected, file == null ? "the artifact" : "'" + file + "'"));
    }

    /** Hashes while reading; at EOF the digest must match. */
    static final class Checked extends FilterInputStream {
        private final MessageDigest md = Digest.newSha256();
        private final Digest expected;
        private final String what;
        private boolean checked;

        Checked(InputStream in, Digest expected, String what) {
            super(in);
            this.expected = expected;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                md.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n < 0) {
                check();
            } else {
                md.update(buf, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would leave bytes unhashed: read them instead
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int read = read(buf, 0, buf.length);
            return Math.max(read, 0);
        }

        private void check() throws IOException {
            if (checked) {
                return;
            }
            checked = true;
            Digest actual = Digest.ofSha256(md.digest());
            if (!actual.equals(expected)) {
                throw new IOException("downloaded " + what + " does not match its digest: expected " + expected + ", received "
                        + actual);
            }
        }
    }
}
