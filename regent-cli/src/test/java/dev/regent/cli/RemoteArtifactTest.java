package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.cli.artifact.ArtifactDigest;
import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --upload and download through a real server: streamed both ways, digest checked by the client while streaming. */
class RemoteArtifactTest {
    @TempDir
    Path dir;

    @Test
    void uploadThroughTheServerThenDownloadDigestCheckedAndATamperedBlobIsRefused() throws Exception {
        String token = TokenSecret.generate(new SecureRandom());
        Path data = dir.resolve("server");
        try (ServerLauncher server = ServerLauncher.start(data, null, Policies.builtIn(), "127.0.0.1", 0, token, Clock.systemUTC())) {
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_URL", "http://127.0.0.1:" + server.port());
            cli.env.put("REGENT_TOKEN", token);
            Files.createDirectories(dir.resolve("model/conf"));
            Files.writeString(dir.resolve("model/weights.bin"), "remote weights");
            Files.writeString(dir.resolve("model/conf/a.yaml"), "a: 1\n");
            Files.writeString(dir.resolve("single.bin"), "one file");
            assertThat(cli.run("model", "create", "rm").exit()).isZero();

            CliHarness.Result dirUp = cli.run("version", "register", "rm", "--upload", "model");
            assertThat(dirUp.exit()).as(dirUp.toString()).isZero();
            CliHarness.Result fileUp = cli.run("version", "register", "rm", "--upload", "single.bin", "--source", "s3://b/single");
            assertThat(fileUp.exit()).as(fileUp.toString()).isZero();
            String dirDigest = ArtifactDigest.of(dir.resolve("model")).value();
            assertThat(cli.run("version", "show", "rm", "1").out()).contains("regent-blob:" + dirDigest);
            assertThat(dir.resolve("regent-data")).as("nothing stored locally").doesNotExist();

            CliHarness.Result down = cli.run("version", "download", "rm", "1", "--to", "copy");
            assertThat(down.exit()).as(down.toString()).isZero();
            assertThat(ArtifactDigest.of(dir.resolve("copy")).value()).isEqualTo(dirDigest);
            assertThat(Files.readString(dir.resolve("copy/conf/a.yaml"))).isEqualTo("a: 1\n");
            assertThat(cli.run("version", "download", "rm", "2", "--to", "single-copy.bin").exit()).isZero();
            assertThat(Files.readString(dir.resolve("single-copy.bin"))).isEqualTo("one file");
            assertThat(cli.run("version", "download", "rm", "2", "--to", "single-copy.bin").exit()).as("never overwrites").isEqualTo(2);

            // someone edits the blob on the server's disk: the client notices while streaming, and keeps nothing
            String hex = ArtifactDigest.of(dir.resolve("model/weights.bin")).hex();
            Path blob = data.resolve("blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
            Files.writeString(blob, "REMOTE WEIGHTS");
            CliHarness.Result tampered = cli.run("version", "download", "rm", "1", "--to", "copy2");
            assertThat(tampered.exit()).isEqualTo(1);
            assertThat(tampered.err()).contains("'weights.bin'").contains("does not match its digest");
            assertThat(dir.resolve("copy2/weights.bin")).doesNotExist();
        }
    }

    @Test
    void theServersUploadLimitIsConfigurableAndRefusesLargerArtifacts() throws Exception {
        assertThat(ServeCommand.parseSize("512MiB")).isEqualTo(512L << 20);
        assertThat(ServeCommand.parseSize("4g")).isEqualTo(4L << 30);
        assertThat(ServeCommand.parseSize("1024")).isEqualTo(1024);
        assertThat(ServeCommand.parseSize(null)).isEqualTo(256L << 20);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ServeCommand.parseSize("lots")).hasMessageContaining("upload limit");
        String token = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("server"), null, Policies.builtIn(), java.util.Optional.empty(), "127.0.0.1", 0, token,
                Clock.systemUTC(), ServerLauncher.AuditOptions.defaults(), 1024, java.util.List.of())) {
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_URL", "http://127.0.0.1:" + server.port());
            cli.env.put("REGENT_TOKEN", token);
            Files.write(dir.resolve("small.bin"), new byte[1024]);
            Files.write(dir.resolve("large.bin"), new byte[1025]);
            assertThat(cli.run("model", "create", "lim").exit()).isZero();
            CliHarness.Result large = cli.run("version", "register", "lim", "--upload", "large.bin");
            assertThat(large.exit()).as(large.toString()).isEqualTo(2);
            assertThat(large.err()).contains("1024");
            assertThat(cli.run("version", "register", "lim", "--upload", "small.bin").exit()).isZero();
        }
    }
}
