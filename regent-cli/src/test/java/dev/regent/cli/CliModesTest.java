package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.Policies;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18, modes made plain: after 'regent login' there is a way back (logout, --local), and an option that only
 * local mode reads is refused in remote mode with how to get local mode, instead of being silently ignored.
 */
class CliModesTest {
    @TempDir
    Path dir;

    @Test
    void logoutAndLocalLeaveRemoteModeAndLocalOnlyOptionsAreNotIgnored() {
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("server"), null, Policies.builtIn(), "127.0.0.1", 0,
                preset, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_CONFIG", dir.resolve("config.yaml").toString());
            assertThat(cli.run("login", url, "--token", preset).exit()).isZero();
            assertThat(cli.run("model", "create", "remote-one").exit()).isZero();

            // an explicit data directory wins over the saved login (local mode); with $REGENT_URL it is not silently ignored
            cli.env.put("REGENT_URL", url);
            cli.env.put("REGENT_TOKEN", preset);
            CliHarness.Result ignored = cli.run("--data", "local-data", "model", "list");
            assertThat(ignored.exit()).as("--data is not silently ignored in remote mode").isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(ignored.err()).contains("--data is for local mode").contains("--local");
            cli.env.remove("REGENT_URL");
            cli.env.remove("REGENT_TOKEN");
            assertThat(cli.run("--policy", "p.yaml", "model", "list").err()).contains("--policy is for local mode");

            CliHarness.Result local = cli.run("--local", "model", "create", "local-one");
            assertThat(local.exit()).as(local.toString()).isZero();
            assertThat(dir.resolve("regent-data")).exists();
            assertThat(cli.run("--json", "model", "list").out()).contains("remote-one").doesNotContain("local-one");
            assertThat(cli.run("--local", "--registry", url, "model", "list").exit()).isEqualTo(ExitCodes.BAD_INPUT);

            CliHarness.Result logout = cli.run("logout");
            assertThat(logout.exit()).isZero();
            assertThat(logout.out()).contains("Logged out").contains("stays valid");
            assertThat(dir.resolve("config.yaml")).doesNotExist();
            assertThat(cli.run("--json", "model", "list").out()).contains("local-one").doesNotContain("remote-one");
            assertThat(cli.run("logout").out()).contains("Not logged in");
        }
    }
}
