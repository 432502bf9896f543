package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.cli.artifact.ArtifactDigest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** regent version register --upload (local mode) and regent verify from the blob store, including a tampered blob. */
class ArtifactUploadTest {
    @TempDir
    Path dir;

    @Test
    void anUploadedFileVerifiesFromTheBlobStoreAndATamperedBlobFailsByName() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.writeString(dir.resolve("model.bin"), "weights v1");
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        CliHarness.Result registered = cli.run("version", "register", "m", "--upload", "model.bin");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        String digest = ArtifactDigest.of(dir.resolve("model.bin")).value();
        assertThat(cli.run("version", "show", "m", "1").out()).contains("regent-blob:" + digest);
        assertThat(registered.err()).doesNotContain("uploading");

        assertThat(cli.run("audit", "checkpoint").exit()).isZero();
        CliHarness.Result ok = cli.run("verify", "m", "1");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.section("Verification")).contains("[pass] artifact digest - recomputed " + digest + " from the blob store");

        Path blob = blobFile(digest);
        Files.writeString(blob, "weights v2");
        CliHarness.Result altered = cli.run("verify", "m", "1");
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.section("Verification")).contains("[FAIL] artifact digest - the stored artifact was altered")
                .contains("file " + dir.relativize(blob)).contains("but the version's registered digest is " + digest);
        assertThat(altered.section("Summary")).contains("FAILED verification: artifact digest");
    }

    @Test
    void anUploadedDirectoryIsItsFilesPlusTheManifestAndEachAlteredFileIsNamed() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.createDirectories(dir.resolve("model/conf"));
        Files.writeString(dir.resolve("model/weights.bin"), "weights");
        Files.writeString(dir.resolve("model/conf/a.yaml"), "a: 1\n");
        Files.writeString(dir.resolve("model/empty"), "");
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        CliHarness.Result registered = cli.run("version", "register", "m", "--upload", "model", "--source", "s3://bucket/m/1");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        String digest = ArtifactDigest.of(dir.resolve("model")).value();
        assertThat(registered.section("Changes")).contains(digest.substring(0, 19));
        assertThat(cli.run("version", "show", "m", "1").out()).contains("s3://bucket/m/1");
        assertThat(Files.readString(blobFile(digest))).isEqualTo(ArtifactDigest.manifest(dir.resolve("model")));

        assertThat(cli.run("audit", "checkpoint").exit()).isZero();
        CliHarness.Result ok = cli.run("verify", "m", "1");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.section("Verification")).contains("from the blob store (manifest and its 3 file(s))");

        Path weights = blobFile(ArtifactDigest.of(dir.resolve("model/weights.bin")).value());
        Files.writeString(weights, "WEIGHTS");
        CliHarness.Result altered = cli.run("verify", "m", "1");
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.section("Verification")).contains("file 'weights.bin'").contains("file " + dir.relativize(weights))
                .doesNotContain("conf/a.yaml").doesNotContain("the stored manifest");

        // the same directory again is the same digest: refused as already registered
        assertThat(cli.run("version", "register", "m", "--upload", "model").exit()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x;y", "x#y", "a\\b", "%2e%2e", "%252e%252e", "a%00b", "%2fetc"})
    void fileNamesThatCouldTraverseAreRefusedBeforeAnythingIsStored(String name) throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model/ok.bin"), "ok");
        Files.writeString(dir.resolve("model").resolve(name), "evil");
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        CliHarness.Result refused = cli.run("version", "register", "m", "--upload", "model");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("artifact path");
        assertThat(Files.exists(dir.resolve("regent-data/blobs/sha256"))).isFalse();
    }

    @Test
    void progressIsShownOnlyWhenAskedForOrOnATerminal() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.write(dir.resolve("big.bin"), new byte[5 << 20]);
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        cli.env.put("REGENT_PROGRESS", "1");
        CliHarness.Result result = cli.run("version", "register", "m", "--upload", "big.bin");
        assertThat(result.exit()).isZero();
        assertThat(result.err()).contains("uploading big.bin").contains("100%");
        assertThat(result.out()).doesNotContain("uploading");
    }

    @Test
    void uploadAndFileOrDigestAreExclusive() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("version", "register", "m", "--upload", "x", "--digest", "sha256:" + "a".repeat(64)).exit()).isEqualTo(2);
    }

    private Path blobFile(String digest) throws Exception {
        String hex = digest.substring("sha256:".length());
        Path p = dir.resolve("regent-data/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
        assertThat(p).exists();
        try (Stream<Path> s = Files.list(p.getParent())) {
            assertThat(s.count()).isPositive();
        }
        return p;
    }
}
