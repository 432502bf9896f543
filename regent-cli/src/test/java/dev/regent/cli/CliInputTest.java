package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input: specific exit codes, messages a person can act on, and a registry left exactly as it was. */
class CliInputTest {
    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void registryWithOneVersion() {
        cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        assertThat(cli.run("version", "register", "m", "--source", "s3://b/1", "--digest", "sha256:" + "a".repeat(64)).exit()).isZero();
    }

    private CliHarness.Result expect(int exit, String... args) {
        String before = cli.snapshot();
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        if (exit == ExitCodes.BAD_INPUT || exit == ExitCodes.NOT_FOUND) {
            assertThat(cli.snapshot()).as("registry unchanged").isEqualTo(before);
        }
        return r;
    }

    @Test
    void missingInputsAreListedAllAtOnce() {
        CliHarness.Result r = expect(2, "promote", "m");
        assertThat(r.err()).contains("missing required inputs: VERSION, --to, --reason");
        assertThat(expect(2, "rollback").err()).contains("MODEL, --stage, --reason");
    }

    @Test
    void atATerminalTheCliAsksForExactlyTheMissingInputs() {
        cli.terminalInput = "m2\n";
        CliHarness.Result r = cli.run("model", "create", "--description", "x");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEqualTo("NAME: ");
        assertThat(cli.run("model", "show", "m2").exit()).isZero();
        // an answer is validated like an argument
        cli.terminalInput = "Not/A Name\n";
        assertThat(cli.run("model", "create").err()).contains("NAME: error: invalid model name 'Not/A Name'");
    }

    @Test
    void unknownStagesListTheAllowedOnes() {
        assertThat(expect(2, "promote", "m", "1", "--to", "Prod", "--reason", "r").err())
                .contains("allowed stages are None, Staging, Production, Archived");
    }

    @Test
    void unknownModelsAndVersionsExitThree() {
        assertThat(expect(3, "version", "show", "nope", "1").err()).contains("model 'nope' not found");
        assertThat(expect(3, "promote", "m", "7", "--to", "Staging", "--reason", "r").err()).contains("version 7 of model 'm' not found");
        assertThat(expect(3, "alias", "delete", "m", "nope", "--reason", "r").err()).contains("not found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://b/../x", "s3://b/%2e%2e/x", "s3://b/%252e%252e/x", "s3://b/..\\x", "../outside.bin"})
    void traversalInSourcesIsBadInput(String source) {
        assertThat(expect(2, "version", "register", "m", "--source", source).err()).contains("'..'");
    }

    @Test
    void fileSourcesOutsideTheAllowedRootsAreRefused() {
        CliHarness.Result r = expect(1, "version", "register", "m", "--source", "file:///etc/passwd");
        assertThat(r.section("Summary")).contains("outside the allowed roots");
    }

    @Test
    void limitsAreExplicit() {
        assertThat(expect(2, "model", "create", "m" + "x".repeat(256)).err()).contains("257 characters long; the limit is 256");
        assertThat(expect(2, "model", "update", "m", "--tag", "k".repeat(251) + "=v").err()).contains("limit is 250");
        assertThat(expect(2, "model", "update", "m", "--tag", "k=" + "v".repeat(5001)).err()).contains("limit is 5000");
        assertThat(expect(2, "model", "update", "m", "--description", "d".repeat(65537)).err()).contains("64 KiB");
        assertThat(expect(2, "version", "register", "m", "--source", "s3://x", "--metric", "auc=NaN").err()).contains("finite number");
        assertThat(expect(2, "version", "register", "m", "--source", "s3://x", "--digest", "sha256:abc").err()).contains("64 lowercase hex");
        assertThat(expect(2, "version", "show", "m", "one").err()).contains("positive whole number");
        assertThat(expect(2, "alias", "set", "m", "latest", "1", "--reason", "r").err()).contains("reserved");
        assertThat(expect(2, "model", "update", "m").err()).contains("nothing to change");
        assertThat(expect(2, "model", "delete", "m", "--reason", " ").err()).contains("missing required input: --reason");
        assertThat(expect(2, "model", "create", "m9", "--no-such-option").err()).contains("Unknown option");
    }

    @Test
    void refusalsExitOneAndChangeNothingButTheAuditLog() {
        String stateBefore = withoutAudit(cli.snapshot());
        CliHarness.Result r = expect(1, "version", "register", "m", "--source", "s3://b/2", "--digest", "sha256:" + "a".repeat(64));
        assertThat(r.section("Plan")).contains("[FAIL] artifact is new").contains("regent version update m 1");
        assertThat(r.section("Changes")).startsWith("none (refused");
        assertThat(withoutAudit(cli.snapshot())).isEqualTo(stateBefore);
        assertThat(cli.run("audit", "log").out()).contains("REFUSED");
    }

    @Test
    void errorsInJsonModeAreJson() {
        CliHarness.Result r = expect(3, "--json", "model", "show", "nope");
        assertThat(r.out()).contains("\"code\" : \"NOT_FOUND\"").contains("\"message\"");
    }

    @Test
    void aDirectoryDigestIsItsManifestsDigest() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("weights.bin"), "w");
        Files.createDirectories(model.resolve("conf"));
        Files.writeString(model.resolve("conf/a.yaml"), "a: 1\n");
        CliHarness.Result r = cli.run("version", "register", "m", "--file", "model", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        String manifest = dev.regent.cli.artifact.ArtifactDigest.manifest(model);
        assertThat(manifest).isEqualTo(sha("a: 1\n") + " 5 conf/a.yaml\n" + sha("w") + " 1 weights.bin\n");
        assertThat(cli.run("version", "show", "m", "2").out()).contains(dev.regent.core.model.Digest.sha256Of(
                manifest.getBytes(java.nio.charset.StandardCharsets.UTF_8)).value()).contains("file://" + model);
    }

    private static String sha(String text) {
        return dev.regent.core.model.Digest.sha256Of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hex();
    }

    static String withoutAudit(String snapshot) {
        StringBuilder kept = new StringBuilder();
        boolean skip = false;
        for (String line : snapshot.split("\n")) {
            if (!line.startsWith("  ")) {
                skip = line.startsWith("audit");
            }
            if (!skip) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
