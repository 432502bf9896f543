package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path on the user's machine given as --source to a server: recorded as a reference the server never opens (the
 * server's disk is not the user's), and the report says so. Local mode keeps its allowed roots (CliInputTest).
 */
class RemoteLocalSourceTest {
    @TempDir
    Path dir;

    @Test
    void aServerRecordsTheUsersLocalPathAsGivenAndSaysItNeverOpensIt() throws Exception {
        String token = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("server"), null, dev.regent.core.policy.Policies.builtIn(), "127.0.0.1", 0, token,
                Clock.systemUTC())) {
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_URL", "http://127.0.0.1:" + server.port());
            cli.env.put("REGENT_TOKEN", token);
            assertThat(cli.run("model", "create", "laptop").exit()).isZero();

            CliHarness.Result r = cli.run("version", "register", "laptop", "--source", "/home/u/mlruns/1/abc/artifacts/model",
                    "--run-id", "abc");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.section("Plan")).contains("never opens");
            assertThat(cli.run("version", "show", "laptop", "1").out()).contains("file:///home/u/mlruns/1/abc/artifacts/model");
            CliHarness.Result etc = cli.run("version", "register", "laptop", "--source", "file:///etc/passwd");
            assertThat(etc.exit()).as("the user's own /etc/passwd is a name to the server, never read").isZero();
        }
    }
}
