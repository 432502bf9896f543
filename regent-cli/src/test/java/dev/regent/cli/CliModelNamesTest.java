package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names as MLflow has them on the command line: "Churn Model v2" is one (shell-quoted) argument, and every command
 * a report suggests quotes it so that it pastes back as one argument.
 */
class CliModelNamesTest {
    @TempDir
    Path dir;

    @Test
    void aSpacedNameIsOneArgumentAndSuggestedCommandsQuoteIt() {
        CliHarness cli = CliHarness.withoutGates(dir);
        CliHarness.Result created = cli.run("model", "create", "Churn Model v2", "--description", "churn");
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(created.section("Rollback")).contains("regent model delete 'Churn Model v2' --reason");

        CliHarness.Result none = cli.run("version", "list", "Churn Model v2");
        assertThat(none.out()).contains("regent version register 'Churn Model v2' --source URI");
        CliHarness.Result registered = cli.run("version", "register", "Churn Model v2", "--source", "s3://b/churn/1");
        assertThat(registered.exit()).as(registered.toString()).isZero();
        assertThat(registered.section("Rollback")).contains("regent version delete 'Churn Model v2' 1 --reason");
        CliHarness.Result promoted = cli.run("promote", "Churn Model v2", "1", "--to", "Staging", "--reason", "ok");
        assertThat(promoted.exit()).as(promoted.toString()).isZero();
        assertThat(promoted.section("Rollback")).contains("regent promote 'Churn Model v2' 1 --to None");

        CliHarness.Result shown = cli.run("model", "show", "Churn Model v2");
        assertThat(shown.exit()).isZero();
        assertThat(shown.out()).contains("Churn Model v2");
        assertThat(cli.run("--json", "model", "list").out()).contains("\"Churn Model v2\"");
        // exact lookups; a look-alike is refused (exit 1) naming the model that holds the name
        assertThat(cli.run("model", "show", "churn model v2").exit()).isEqualTo(3);
        CliHarness.Result lookAlike = cli.run("model", "create", "CHURN MODEL V2");
        assertThat(lookAlike.exit()).isEqualTo(1);
        assertThat(lookAlike.out() + lookAlike.err()).contains("model 'Churn Model v2' already exists");
        // what a name may not hold is bad input (exit 2) with the rule
        CliHarness.Result bad = cli.run("model", "create", "Churn@v2");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("except '/', '@' and '#'");
    }
}
