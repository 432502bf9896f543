package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code regent model rename}: five sections, the model under its new name, refusals with their exit codes. */
class CliRenameTest {
    @TempDir
    Path dir;

    @Test
    void renameMovesTheModelAndRefusesATakenName() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "fraud").exit()).isZero();
        assertThat(cli.run("version", "register", "fraud", "--source", "s3://b/1").exit()).isZero();
        assertThat(cli.run("model", "create", "taken").exit()).isZero();

        CliHarness.Result r = cli.run("model", "rename", "fraud", "fraud-detector", "--reason", "clearer name");
        assertThat(r.exit()).as(r.toString()).isZero();
        CliLifecycleTest.assertFiveSections(r);
        assertThat(r.section("Changes")).contains("renamed to 'fraud-detector'");
        assertThat(r.section("Rollback")).contains("regent model rename fraud-detector fraud --reason 'undo model rename'");
        assertThat(cli.run("version", "show", "fraud-detector", "1").exit()).isZero();
        assertThat(cli.run("model", "show", "fraud").exit()).isEqualTo(3);

        CliHarness.Result taken = cli.run("model", "rename", "fraud-detector", "taken", "--reason", "r");
        assertThat(taken.exit()).as(taken.toString()).isNotZero();
        assertThat(taken.out() + taken.err()).contains("already exists");
        assertThat(cli.run("model", "rename", "fraud-detector", "other").exit()).isEqualTo(2);
    }
}
