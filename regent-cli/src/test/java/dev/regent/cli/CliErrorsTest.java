package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.Policies;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: failures that are not bugs print one line saying what is wrong and what to do, with the README's exit
 * code, through the real command line: a busy port, a mistyped command, a token for nobody, and --registry naming
 * the saved login's registry.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aBusyPortIsOneLineSayingSoAndTheDataDirectoryIsLeftUsable() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliHarness.Result r = cli.run("serve", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.UNAVAILABLE);
            assertThat(r.err()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
                    .contains("--port").doesNotContain("Exception").doesNotContain("\tat ");
        }
        // the failed start touched nothing: no admin was made whose token nobody saw, and the directory is free
        assertThat(cli.run("model", "create", "after").exit()).isZero();
    }

    @Test
    void aRunUrlTemplateThatIsNotHttpOrLacksThePlaceholderIsRefusedBeforeTheServerStarts() {
        CliHarness cli = CliHarness.withoutGates(dir);
        CliHarness.Result script = cli.run("serve", "--port", "0", "--run-url", "javascript:alert('{run_id}')");
        assertThat(script.exit()).as(script.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(script.err()).contains("http or https URL");
        cli.env.put("REGENT_RUN_URL", "https://mlflow.example/runs/");
        CliHarness.Result noPlaceholder = cli.run("serve", "--port", "0");
        assertThat(noPlaceholder.exit()).as(noPlaceholder.toString()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noPlaceholder.err()).contains("{run_id}");
        // nothing was started or created by the refused starts
        cli.env.remove("REGENT_RUN_URL");
        assertThat(cli.run("model", "create", "after").exit()).isZero();
    }

    @Test
    void aMistypedCommandSuggestsTheRightOne() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("modle", "list");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("did you mean 'model'");
        CliHarness.Result option = cli.run("model", "list", "--jsn");
        assertThat(option.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(option.err()).contains("did you mean '--json'");
    }

    @Test
    void everySubcommandAnswersHelp() {
        CliHarness cli = new CliHarness(dir);
        for (String[] command : new String[][] {{"serve", "--help"}, {"model", "list", "-h"}, {"backup", "--help"}}) {
            CliHarness.Result help = cli.run(command);
            assertThat(help.exit()).as(help.toString()).isZero();
            assertThat(help.out()).contains("Usage: regent " + command[0]);
        }
    }

    @Test
    void aTokenForAPrincipalThatDoesNotExistIsNotFound() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("token", "create", "nobody");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(r.out() + r.err()).contains("'nobody' is not registered");
    }

    @Test
    void anExpiredTokenIsOneLineSayingWhereItCameFromAndWhatToDo() {
        String admin = TokenSecret.generate(new SecureRandom());
        java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.parse("2026-12-01T00:00:00Z"));
        java.time.Clock clock = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("data"), null,
                dev.regent.core.policy.PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0, admin, clock)) {
            String url = "http://127.0.0.1:" + server.port();
            CliHarness cli = new CliHarness(dir);
            assertThat(cli.run("--registry", url, "--token", admin, "principal", "add", "bob", "--role", "viewer").exit()).isZero();
            CliHarness.Result made = cli.run("--registry", url, "--token", admin, "token", "create", "bob", "--expires-in", "1h");
            java.util.regex.Matcher token = java.util.regex.Pattern.compile("Token: (rgt_\\S+)").matcher(made.out());
            assertThat(token.find()).as(made.toString()).isTrue();
            now.set(now.get().plus(java.time.Duration.ofHours(2)));
            cli.env.put("REGENT_TOKEN", token.group(1));
            CliHarness.Result expired = cli.run("--registry", url, "model", "list");
            assertThat(expired.exit()).isEqualTo(ExitCodes.UNAUTHORIZED);
            assertThat(expired.err().strip().lines()).hasSize(1);
            assertThat(expired.err()).contains("expired").contains("the token from $REGENT_TOKEN was refused by " + url)
                    .contains("regent login " + url + " --token T");
        }
    }

    @Test
    void registryNamingTheSavedLoginUsesItsToken() {
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = ServerLauncher.start(dir.resolve("server"), null, Policies.builtIn(), "127.0.0.1", 0,
                preset, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            CliHarness cli = new CliHarness(dir);
            cli.env.put("REGENT_CONFIG", dir.resolve("config.yaml").toString());
            assertThat(cli.run("login", url, "--token", preset).exit()).isZero();
            CliHarness.Result r = cli.run("--registry", url + "/", "model", "create", "by-saved-token");
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.out()).contains("by-saved-token");
            CliHarness.Result other = cli.run("--registry", "http://127.0.0.1:1", "model", "list");
            assertThat(other.exit()).as("another registry gets no saved token").isEqualTo(ExitCodes.UNAUTHORIZED);
        }
    }

    @Test
    void aMissingFileIsOneLineAndDebugAddsTheStackTrace() {
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result missing = cli.run("policy", "apply", "nope.yaml", "--reason", "r");
        assertThat(missing.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err().strip()).isEqualTo("error: policy file " + dir.resolve("nope.yaml") + " does not exist");
        CliHarness.Result debug = cli.run("--debug", "policy", "apply", "nope.yaml", "--reason", "r");
        assertThat(debug.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(debug.err()).contains("does not exist").contains("\tat ");
        assertThat(cli.run("version", "register", "m", "--file", "nosuch.bin").err()).contains("does not exist")
                .doesNotContain("\tat ");
    }
}
