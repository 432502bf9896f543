package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.PolicyParser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, finding 8, end to end on a disk that really fills up: a small tmpfs mounted for the test holds the data
 * directory (SQLite) or a PostgreSQL tablespace. While it is full every write answers 507 naming what is full and what
 * to do (the CLI: one line, exit 6), /ready answers 503, nothing acknowledged is lost and nothing half-written stays;
 * when space returns the server recovers by itself and the audit log verifies.
 *
 * <p>Mounting needs root (CI runs as root); elsewhere the test is skipped with a message saying so.
 */
class FullDiskTest {
    private static final String BIG = "x".repeat(60_000);

    @TempDir
    Path dir;
    private final List<Path> mounts = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void unmount() throws Exception {
        for (Path m : mounts) {
            run("umount", "-l", m.toString());
            if (!m.startsWith(dir)) {
                Files.deleteIfExists(m);
                Files.deleteIfExists(m.getParent());
            }
        }
    }

    @Test
    void anEmbeddedRegistryOnAFullDiskRefusesWritesClearlyAndRecoversWhenSpaceReturns() throws Exception {
        Path disk = mountSmallDisk(dir, "disk", 48);
        Path data = disk.resolve("data");
        String token = TokenSecret.generate(new SecureRandom());
        CliHarness cli = CliHarness.withoutGates(dir);
        List<String> acknowledged = new ArrayList<>();
        try (ServerLauncher server = ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0,
                token, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            assertThat(post(url, token, "/api/v1/models", "{\"name\":\"before\"}").statusCode()).isEqualTo(201);
            acknowledged.add("before");
            assertThat(get(url, "/ready").statusCode()).isEqualTo(200);
            long blobFilesBefore = regularFiles(data.resolve("blobs"));

            Path filler = fill(disk);
            HttpResponse<String> ready = get(url, "/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("storage almost full");

            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models/before/blobs"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2 << 20])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(507);
            assertThat(upload.body()).contains("INSUFFICIENT_STORAGE").contains("no space left under " + data.resolve("blobs"))
                    .contains("free space");

            // metadata writes: each one either commits (SQLite may still find room in pages it has) or is refused as
            // 507 naming the database file; never a 500, never half of one
            int refused = 0;
            for (int i = 0; i < 40 && refused < 3; i++) {
                String name = "m" + i;
                HttpResponse<String> r = post(url, token, "/api/v1/models", "{\"name\":\"" + name + "\",\"description\":\"" + BIG + "\"}");
                assertThat(r.statusCode()).as(r.body()).isIn(201, 507);
                if (r.statusCode() == 201) {
                    acknowledged.add(name);
                } else {
                    refused++;
                    assertThat(r.body()).contains("INSUFFICIENT_STORAGE").contains(data.resolve("regent.db").toString())
                            .contains("has no space left").contains("nothing was written");
                }
            }
            assertThat(refused).as("the full database refused writes").isPositive();
            HttpResponse<String> stillFull = get(url, "/ready");
            assertThat(stillFull.statusCode()).isEqualTo(503);

            // the remote CLI: one line saying what is full, exit 6 (unavailable), no stack trace
            CliHarness.Result remote = cli.run("--registry", url, "--token", token, "model", "create", "cli-remote",
                    "--description", BIG);
            assertThat(remote.exit()).as(remote.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(remote.err().strip().lines()).hasSize(1);
            assertThat(remote.err()).contains("no space left").doesNotContain("Exception");

            // an upload that failed left nothing behind in the blob store
            assertThat(regularFiles(data.resolve("blobs"))).isEqualTo(blobFilesBefore);

            Files.delete(filler);
            // the next write succeeds by itself, and readiness follows
            assertThat(post(url, token, "/api/v1/models", "{\"name\":\"after\"}").statusCode()).isEqualTo(201);
            acknowledged.add("after");
            assertThat(get(url, "/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> models = get(url, token, "/api/v1/models?page_size=200");
            for (String name : acknowledged) {
                assertThat(models.body()).contains("\"" + name + "\"");
            }
            assertThat(models.body()).doesNotContain("cli-remote");
        }

        // local mode on the full disk: one line naming the database file, exit 6; nothing written
        Path filler = fill(disk);
        CliHarness.Result local = cli.run("--data", data.toString(), "model", "create", "cli-local", "--description", BIG);
        assertThat(local.exit()).as(local.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(local.err().strip().lines()).hasSize(1);
        assertThat(local.err()).contains("no space left").doesNotContain("Exception");
        Files.delete(filler);

        CliHarness.Result verify = cli.run("--data", data.toString(), "audit", "verify");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(cli.run("--data", data.toString(), "--as", "admin", "model", "show", "cli-local").exit()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void aPostgresDatabaseOnAFullDiskRefusesWritesAndIsNotReadyUntilAWriteSucceeds() throws Exception {
        String pg = System.getenv("REGENT_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(pg != null && !pg.isBlank(), "REGENT_TEST_POSTGRES_URL is not set: PostgreSQL full-disk test skipped");
        // outside the test's own temporary directory, which is private to root: the postgres user must reach it
        Path open = Files.createTempDirectory("regent-pgdisk");
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path disk = mountSmallDisk(open, "pgdisk", 24);
        Path location = disk.resolve("tablespace");
        Files.createDirectory(location);
        Assumptions.assumeTrue(run("chown", "postgres", location.toString()) == 0,
                "cannot give the tablespace directory to the postgres user: test skipped");
        String suffix = Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        String space = "regent_full_" + suffix;
        String database = "regent_full_" + suffix;
        try (Connection admin = DriverManager.getConnection(pg); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLESPACE " + space + " LOCATION '" + location + "'");
            s.execute("CREATE DATABASE " + database + " TABLESPACE " + space);
        }
        String dbUrl = pg.replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        String token = TokenSecret.generate(new SecureRandom());
        try {
            try (ServerLauncher server = ServerLauncher.start(dir.resolve("data"), dbUrl, PolicyParser.parse("version: 1\n", "none"),
                    "127.0.0.1", 0, token, Clock.systemUTC())) {
                String url = "http://127.0.0.1:" + server.port();
                assertThat(post(url, token, "/api/v1/models", "{\"name\":\"before\"}").statusCode()).isEqualTo(201);
                Path filler = fill(disk);
                int refused = 0;
                for (int i = 0; i < 60 && refused == 0; i++) {
                    HttpResponse<String> r = post(url, token, "/api/v1/models", "{\"name\":\"m" + i + "\",\"description\":\"" + BIG + "\"}");
                    assertThat(r.statusCode()).as(r.body()).isIn(201, 507);
                    if (r.statusCode() == 507) {
                        refused++;
                        assertThat(r.body()).contains("INSUFFICIENT_STORAGE").contains("PostgreSQL").contains("has no space left");
                    }
                }
                assertThat(refused).as("PostgreSQL refused a write on the full tablespace").isPositive();
                HttpResponse<String> ready = get(url, "/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("storage full").contains("has no space left");

                Files.delete(filler);
                assertThat(post(url, token, "/api/v1/models", "{\"name\":\"after\"}").statusCode()).isEqualTo(201);
                assertThat(get(url, "/ready").statusCode()).isEqualTo(200);
            }
            CliHarness.Result verify = CliHarness.withoutGates(dir).run("--data", dir.resolve("data").toString(), "--db", dbUrl,
                    "audit", "verify");
            assertThat(verify.exit()).as(verify.toString()).isZero();
        } finally {
            try (Connection admin = DriverManager.getConnection(pg); Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("DROP TABLESPACE IF EXISTS " + space);
            }
        }
    }

    /** A tmpfs of {@code megabytes} at parent/name, or the test is skipped (mounting needs root). */
    private Path mountSmallDisk(Path parent, String name, int megabytes) throws Exception {
        Path mount = Files.createDirectory(parent.resolve(name));
        int code = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m,mode=0755", "tmpfs", mount.toString());
        Assumptions.assumeTrue(code == 0, "cannot mount a small tmpfs here (needs root): full-disk test skipped");
        mounts.add(mount);
        return mount;
    }

    /** Fills the disk to the last byte with one file, and returns it. */
    private static Path fill(Path disk) throws IOException {
        Path filler = disk.resolve("filler");
        byte[] chunk = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // "No space left on device": exactly what we wanted
        }
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 1 << 16; i++) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // the last bytes
        }
        return filler;
    }

    private static long regularFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private HttpResponse<String> post(String url, String token, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
