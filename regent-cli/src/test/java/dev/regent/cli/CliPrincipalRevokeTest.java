package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** regent principal revoke: a dry run, the change with its five sections and undo, a no-op, the last admin kept. */
class CliPrincipalRevokeTest {
    @TempDir
    Path dir;

    @Test
    void aRoleIsTakenAwayAndTheLastAdminKeepsAdmin() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        assertThat(cli.run("principal", "add", "bob", "--role", "contributor", "--model", "m").exit()).isZero();
        assertThat(cli.run("--dry-run", "principal", "revoke", "bob", "--role", "contributor", "--model", "m").exit()).isZero();
        assertThat(cli.run("--json", "principal", "list").out()).contains("contributor");

        CliHarness.Result revoked = cli.run("principal", "revoke", "bob", "--role", "contributor", "--model", "m");
        assertThat(revoked.exit()).as(revoked.toString()).isZero();
        assertThat(revoked.section("Changes")).contains("no longer holds contributor on m");
        assertThat(revoked.section("Rollback")).contains("regent principal add bob --role contributor --model m");
        assertThat(cli.run("--json", "principal", "list").out()).doesNotContain("contributor");
        assertThat(cli.run("principal", "revoke", "bob", "--role", "contributor", "--model", "m").out())
                .contains("does not hold");

        String me = "tester"; // the OS user CliHarness gives local mode, the registry's first admin
        CliHarness.Result lastAdmin = cli.run("principal", "revoke", me, "--role", "admin");
        assertThat(lastAdmin.exit()).as(lastAdmin.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(lastAdmin.out() + lastAdmin.err()).contains("only admin");
        assertThat(cli.run("principal", "revoke", "nobody", "--role", "viewer").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("principal", "revoke", "bob", "--role", "owner").exit()).isEqualTo(ExitCodes.BAD_INPUT);
    }
}
