package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --dry-run on every mutating command reports the plan and writes nothing at all. */
class CliDryRunTest {
    @TempDir
    Path dir;
    CliHarness cli;

    @BeforeEach
    void populated() {
        cli = CliHarness.withoutGates(dir);
        for (String[] args : List.of(
                new String[] {"model", "create", "m"},
                new String[] {"version", "register", "m", "--source", "s3://b/1"},
                new String[] {"version", "register", "m", "--source", "s3://b/2"},
                new String[] {"promote", "m", "1", "--to", "Production", "--reason", "r"},
                new String[] {"promote", "m", "2", "--to", "Production", "--reason", "r"},
                new String[] {"alias", "set", "m", "a", "1", "--reason", "r"})) {
            assertThat(cli.run(args).exit()).isZero();
        }
    }

    @Test
    void everyMutatingCommandWritesNothing() {
        List<String[]> commands = List.of(
                new String[] {"model", "create", "n"},
                new String[] {"model", "update", "m", "--description", "d"},
                new String[] {"model", "delete", "m", "--reason", "r"},
                new String[] {"model", "rename", "m", "m2", "--reason", "r"},
                new String[] {"version", "register", "m", "--source", "s3://b/3"},
                new String[] {"version", "update", "m", "1", "--tag", "k=v"},
                new String[] {"version", "delete", "m", "1", "--reason", "r"},
                new String[] {"promote", "m", "1", "--to", "Staging", "--reason", "r"},
                new String[] {"rollback", "m", "--stage", "Production", "--reason", "r"},
                new String[] {"alias", "set", "m", "b", "2", "--reason", "r"},
                new String[] {"alias", "delete", "m", "a", "--reason", "r"});
        String before = cli.snapshot();
        for (String[] command : commands) {
            String[] dry = new String[command.length + 1];
            dry[0] = "--dry-run";
            System.arraycopy(command, 0, dry, 1, command.length);
            CliHarness.Result r = cli.run(dry);
            assertThat(r.exit()).as(r.toString()).isIn(0, 1);
            CliLifecycleTest.assertFiveSections(r);
            assertThat(r.section("Changes")).as(String.join(" ", command)).startsWith("none (");
            assertThat(r.section("Summary")).startsWith("Dry run");
            assertThat(cli.snapshot()).as(String.join(" ", command)).isEqualTo(before);
        }
    }

    @Test
    void aDryRunAfterTheSubcommandToo() {
        String before = cli.snapshot();
        CliHarness.Result r = cli.run("promote", "m", "1", "--to", "Staging", "--reason", "r", "--dry-run");
        assertThat(r.exit()).isZero();
        assertThat(r.section("Plan")).contains("(dry run)");
        assertThat(cli.snapshot()).isEqualTo(before);
    }
}
