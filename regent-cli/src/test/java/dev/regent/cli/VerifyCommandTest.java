package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** regent verify: the reviewer's check of a version's artifact, record and audit trail. */
class VerifyCommandTest {
    @TempDir
    Path dir;

    @Test
    void aVersionVerifiesAgainstItsArtifactAndTheSignedLogAndAnyDifferenceFails() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.createDirectories(dir.resolve("model/conf"));
        Files.writeString(dir.resolve("model/weights.bin"), "weights");
        Files.writeString(dir.resolve("model/conf/a.yaml"), "a: 1\n");
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        assertThat(cli.run("version", "register", "m", "--file", "model", "--description", "first").exit()).isZero();
        assertThat(cli.run("promote", "m", "1", "--to", "Staging", "--reason", "r").exit()).isZero();

        CliHarness.Result noCheckpoint = cli.run("verify", "m", "1", "--path", "model");
        assertThat(noCheckpoint.exit()).isEqualTo(1);
        assertThat(noCheckpoint.section("Verification")).contains("[FAIL] audit inclusion").contains("no signed checkpoint yet");

        assertThat(cli.run("audit", "checkpoint").exit()).isZero();
        CliHarness.Result ok = cli.run("verify", "m", "1", "--path", "model");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        CliLifecycleTest.assertFiveSections(ok);
        assertThat(ok.section("Verification")).contains("[pass] artifact digest - recomputed sha256:")
                .contains("stage Staging").contains("[pass] audit inclusion - 2 entries proven included");
        assertThat(ok.section("Changes")).startsWith("none");

        Files.writeString(dir.resolve("model/conf/a.yaml"), "a: 2\n");
        CliHarness.Result altered = cli.run("verify", "m", "1", "--path", "model");
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.section("Verification")).contains("[FAIL] artifact digest").contains("not the registered artifact");
        assertThat(altered.section("Summary")).contains("FAILED verification: artifact digest");

        assertThat(cli.run("version", "register", "m", "--source", "s3://b/2", "--digest", "sha256:" + "b".repeat(64)).exit()).isZero();
        CliHarness.Result later = cli.run("verify", "m", "2");
        assertThat(later.exit()).isEqualTo(1);
        assertThat(later.section("Verification")).contains("(after the checkpoint)").contains("older versions available - 1 (Staging)");
        assertThat(cli.run("verify", "m", "9").exit()).isEqualTo(3);
    }
}
