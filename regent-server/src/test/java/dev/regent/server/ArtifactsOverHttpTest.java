package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.regent.core.model.Digest;
import dev.regent.store.StoreFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Artifact upload (POST …/blobs, then a registration naming it), download (GET …/artifact), limits and traversal. */
class ArtifactsOverHttpTest {
    private static TestServer t;

    @BeforeAll
    static void start() throws Exception {
        t = new TestServer(null);
        assertThat(t.post("/api/v1/models", "contributor", "{\"name\":\"art\"}").statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        t.close();
    }

    static HttpResponse<String> upload(TestServer server, int port, String model, String as, byte[] bytes) {
        HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/models/" + model + "/blobs"))
                .header("Authorization", "Bearer " + server.tokens.get(as))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        try {
            return server.http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String uploaded(String text) {
        HttpResponse<String> r = upload(t, t.port, "art", "contributor", text.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = t.tree(r);
        assertThat(body.get("size").asLong()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        return body.get("digest").asText();
    }

    @Test
    void aFileIsUploadedRegisteredAndDownloadedWithItsDigest() {
        String digest = uploaded("model bytes v1");
        assertThat(digest).isEqualTo(Digest.sha256Of("model bytes v1".getBytes(StandardCharsets.UTF_8)).value());
        HttpResponse<String> reg = t.post("/api/v1/models/art/versions", "contributor",
                "{\"digest\":\"" + digest + "\",\"artifact\":\"file\",\"description\":\"uploaded\"}");
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        String number = t.tree(reg).get("changes").get(0).get("target").asText().replace("art/", "");
        JsonNode version = t.tree(t.get("/api/v1/models/art/versions/" + number, "viewer"));
        assertThat(version.get("source").asText()).isEqualTo("regent-blob:" + digest);

        HttpResponse<String> down = t.get("/api/v1/models/art/versions/" + number + "/artifact", "viewer");
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo("model bytes v1");
        assertThat(down.headers().firstValue("Regent-Artifact-Kind")).contains("file");
        assertThat(down.headers().firstValue("Regent-Digest")).contains(digest);
        assertThat(t.get("/api/v1/models/art/versions/" + number + "/artifact?path=x", "viewer").statusCode()).isEqualTo(400);
    }

    @Test
    void aDirectoryIsItsFilesPlusTheManifestAndEachFileDownloadsByPath() {
        String a = uploaded("alpha");
        String b = uploaded("beta");
        String manifest = a.substring(7) + " 5 a.txt\n" + b.substring(7) + " 4 sub/b.txt\n";
        String m = uploaded(manifest);
        HttpResponse<String> reg = t.post("/api/v1/models/art/versions", "contributor",
                "{\"digest\":\"" + m + "\",\"artifact\":\"directory\",\"source\":\"s3://bucket/art/dir\"}");
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(201);
        String number = t.tree(reg).get("changes").get(0).get("target").asText().replace("art/", "");
        String base = "/api/v1/models/art/versions/" + number + "/artifact";
        HttpResponse<String> whole = t.get(base, "viewer");
        assertThat(whole.body()).isEqualTo(manifest);
        assertThat(whole.headers().firstValue("Regent-Artifact-Kind")).contains("directory");
        HttpResponse<String> file = t.get(base + "?path=sub/b.txt", "viewer");
        assertThat(file.body()).isEqualTo("beta");
        assertThat(file.headers().firstValue("Regent-Digest")).contains(b);
        assertThat(t.get(base + "?path=sub/none.txt", "viewer").statusCode()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../a.txt", "%252e%252e/a.txt", "%2e%2e%2fa.txt", "/etc/passwd", "%2Fetc%2Fpasswd", "sub%5cb.txt",
            "a.txt%2500", "..%3b/a.txt", "a.txt%23x", "sub/./b.txt", "sub//b.txt"})
    void downloadPathsThatCouldTraverseAreRefused(String path) {
        HttpResponse<String> r = t.get("/api/v1/models/art/versions/1/artifact?path=" + path, "viewer");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("artifact path");
    }

    @Test
    void aManifestWithATraversingEntryIsRefusedAtRegistrationNamingTheLine() {
        String a = uploaded("gamma");
        for (String evil : new String[] {"../../etc/cron.d/x", "/etc/passwd", "a\\\\b", "%2e%2e/x", "..;/x", "x#y"}) {
            String manifest = a.substring(7) + " 5 " + evil.replace("\\\\", "\\") + "\n";
            String m = uploaded(manifest);
            HttpResponse<String> reg = t.post("/api/v1/models/art/versions", "contributor",
                    "{\"digest\":\"" + m + "\",\"artifact\":\"directory\"}");
            assertThat(reg.statusCode()).as(evil + ": " + reg.body()).isEqualTo(400);
            assertThat(reg.body()).contains("manifest line 1").contains("artifact path");
        }
    }

    @Test
    void registeringWhatWasNotUploadedIsRefused() {
        String missing = Digest.sha256Of("never uploaded".getBytes(StandardCharsets.UTF_8)).value();
        HttpResponse<String> file = t.post("/api/v1/models/art/versions", "contributor",
                "{\"digest\":\"" + missing + "\",\"artifact\":\"file\"}");
        assertThat(file.statusCode()).isEqualTo(409);
        assertThat(file.body()).contains("not in the blob store");
        String a = uploaded("delta");
        String m = uploaded(a.substring(7) + " 5 here.txt\n" + missing.substring(7) + " 14 missing.txt\n");
        HttpResponse<String> dir = t.post("/api/v1/models/art/versions", "contributor",
                "{\"digest\":\"" + m + "\",\"artifact\":\"directory\"}");
        assertThat(dir.statusCode()).isEqualTo(409);
        assertThat(dir.body()).contains("missing.txt").doesNotContain("here.txt");
        assertThat(t.post("/api/v1/models/art/versions", "contributor", "{\"digest\":\"" + a + "\",\"artifact\":\"folder\"}")
                .statusCode()).isEqualTo(400);
        assertThat(t.post("/api/v1/models/art/versions", "contributor", "{\"source\":\"regent-blob:" + missing + "\",\"digest\":\""
                + missing + "\"}").statusCode()).as("a regent-blob source must name stored content").isEqualTo(409);
    }

    @Test
    void uploadsNeedContributorAndAreSizeLimited() throws Exception {
        assertThat(upload(t, t.port, "art", "viewer", new byte[] {1}).statusCode()).isEqualTo(403);
        assertThat(upload(t, t.port, "art", "contributor", new byte[0]).statusCode()).isEqualTo(400);
        assertThat(t.post("/api/v1/models/art/blobs", "contributor", "{}").statusCode()).isEqualTo(400);
        byte[] key = new byte[32];
        new Random(3).nextBytes(key);
        RegentServer small = new RegentServer(t.registry, StoreFactory.blobs(t.dir), t.clock,
                ServerConfig.defaults("127.0.0.1", 0, key).withMaxUploadBytes(1024));
        int port = small.start();
        try {
            assertThat(upload(t, port, "art", "contributor", new byte[1024]).statusCode()).isEqualTo(201);
            HttpResponse<String> big = upload(t, port, "art", "contributor", new byte[1025]);
            assertThat(big.statusCode()).as(big.body()).isEqualTo(413);
        } finally {
            small.stop();
        }
    }
}
