package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.PolicyParser;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lost admin token (docs/operations.md): on the stopped server's data directory, the machine's operator creates a
 * new token in local mode; the change is audited as made locally, by that OS account; refused while the server runs.
 */
class BreakGlassTest {
    @TempDir
    Path dir;

    @Test
    void aNewAdminTokenIsMadeLocallyOnTheStoppedServersDataAndAudited() {
        CliHarness cli = new CliHarness(dir);
        Path data = dir.resolve("data");
        String lost = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = start(data, lost)) {
            CliHarness.Result whileRunning = cli.run("--data", data.toString(), "--as", "admin", "token", "create", "admin");
            assertThat(whileRunning.exit()).as("the one writer is the running server").isEqualTo(1);
            assertThat(whileRunning.err()).contains("held by").contains("stop it first");
        }
        CliHarness.Result made = cli.run("--data", data.toString(), "--as", "admin",
                "token", "create", "admin", "--expires-in", "1d");
        assertThat(made.exit()).as(made.toString()).isZero();
        Matcher token = Pattern.compile("Token: (rgt_\\S+)").matcher(made.out());
        assertThat(token.find()).as(made.out()).isTrue();

        try (ServerLauncher server = start(data, null)) {
            CliHarness.Result list = cli.run("--registry", "http://127.0.0.1:" + server.port(), "--token", token.group(1),
                    "--json", "audit", "log");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out().replace(" ", "")).contains("\"via\":\"local\"").contains("\"os_user\"");
        }
    }

    private static ServerLauncher start(Path data, String preset) {
        return ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0, preset,
                Clock.systemUTC());
    }
}
