package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's first start, its bootstrap token, and remote mode through a saved login. */
class ServeAndLoginTest {
    @TempDir
    Path dir;

    private ServerLauncher start(Path data, String preset) {
        return ServerLauncher.start(data, null, Policies.builtIn(), "127.0.0.1", 0, preset, Clock.systemUTC());
    }

    @Test
    void theAdminTokenIsCreatedOnceAndNeverAgain() {
        Path data = dir.resolve("data");
        Optional<String> first;
        try (ServerLauncher server = start(data, null)) {
            first = server.bootstrapToken();
            assertThat(first).hasValueSatisfying(t -> assertThat(TokenSecret.wellFormed(t)).isTrue());
        }
        try (ServerLauncher again = start(data, null)) {
            assertThat(again.bootstrapToken()).isEmpty();
            CliHarness cli = new CliHarness(dir);
            CliHarness.Result whoami = cli.run("--registry", "http://127.0.0.1:" + again.port(), "--token", first.get(),
                    "principal", "list");
            assertThat(whoami.exit()).as(whoami.toString()).isZero();
            assertThat(whoami.out()).contains("admin");
        }
        assertThat(data.resolve(ServerLauncher.PAGE_KEY_FILE)).exists();
    }

    @Test
    void aPresetBootstrapTokenIsUsedAndAMalformedOneRefused() {
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = start(dir.resolve("a"), preset)) {
            assertThat(server.bootstrapToken()).contains(preset);
        }
        assertThatThrownBy(() -> start(dir.resolve("b"), "admin123")).hasMessageContaining("rgt_");
    }

    @Test
    void loginSavesTheRegistryAndLaterCommandsGoRemote() throws Exception {
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = start(dir.resolve("server"), preset)) {
            String url = "http://127.0.0.1:" + server.port();
            CliHarness cli = new CliHarness(dir);
            Path config = dir.resolve("config/regent/config.yaml");
            cli.env.put("REGENT_CONFIG", config.toString());
            assertThat(cli.run("login", url, "--token", "rgt_" + "x".repeat(43)).exit()).as("a wrong token is checked").isEqualTo(4);
            assertThat(config).doesNotExist();
            CliHarness.Result login = cli.run("login", url, "--token", preset);
            assertThat(login.exit()).as(login.toString()).isZero();
            assertThat(login.out()).contains("as admin");
            assertThat(Files.getPosixFilePermissions(config)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(cli.run("model", "create", "remote-model").exit()).isZero();
            assertThat(dir.resolve("regent-data")).as("nothing local was created").doesNotExist();
            assertThat(cli.run("--json", "model", "list").out()).contains("remote-model");
            Files.writeString(dir.resolve("local-policy.yaml"), "version: 1\n");
            cli.env.put("REGENT_POLICY", "local-policy.yaml");
            assertThat(cli.run("policy", "show").out()).as("the server's policy, not the local file")
                    .contains("Policy revision 1").contains("from built-in default").contains("- approvals (1, by user)");
            assertThat(cli.run("--as", "someone", "model", "list").err()).contains("--as is for local mode");
            // an explicit local data directory wins over the saved login
            assertThat(cli.run("--data", dir.resolve("local").toString(), "model", "list").out()).contains("No models yet");
        }
    }

    @Test
    void theLaunchersTrainingRunStartsServesAndStops() {
        // what ./regent runs once per build to make the server's class-data sharing archive
        CliHarness cli = new CliHarness(dir);
        CliHarness.Result r = cli.run("--data", dir.resolve("training").toString(), "serve", "--port", "0", "--exit-when-ready");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Regent listening on http://127.0.0.1:");
        // and it stopped: a second run on the same directory starts (the store was closed, the port released)
        assertThat(cli.run("--data", dir.resolve("training").toString(), "serve", "--port", "0", "--exit-when-ready").exit())
                .isZero();
    }

    @Test
    void remoteModeNeedsAToken() {
        CliHarness cli = new CliHarness(dir);
        cli.env.put("REGENT_URL", "http://127.0.0.1:1");
        CliHarness.Result r = cli.run("model", "list");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.err()).contains("needs a token");
        cli.env.put("REGENT_TOKEN", TokenSecret.generate(new SecureRandom()));
        CliHarness.Result unreachable = cli.run("model", "list");
        assertThat(unreachable.exit()).isEqualTo(6);
        assertThat(unreachable.err()).contains("cannot reach the registry").contains("connection refused")
                .contains("regent serve").doesNotContain("null");
    }

    @Test
    void aDeclaredChannelReachesTheAuditLogThroughTheServer() {
        String preset = TokenSecret.generate(new SecureRandom());
        try (ServerLauncher server = start(dir.resolve("via"), preset)) {
            dev.regent.client.RegentClient client = dev.regent.client.RegentClient.connect(
                    java.net.URI.create("http://127.0.0.1:" + server.port()), preset);
            client.via("mcp:create_model").createModel(dev.regent.core.model.ModelName.of("agent-made"),
                    dev.regent.core.model.Description.EMPTY, dev.regent.core.model.Tags.EMPTY, false);
            assertThat(client.audit(new dev.regent.core.audit.AuditQuery(dev.regent.core.model.ModelName.of("agent-made"), 0, 10)))
                    .singleElement().satisfies(e -> assertThat(e.after()).containsEntry("via", "mcp:create_model"));
            assertThatThrownBy(() -> client.via("not a channel!").createModel(dev.regent.core.model.ModelName.of("x"),
                    dev.regent.core.model.Description.EMPTY, dev.regent.core.model.Tags.EMPTY, false))
                    .hasMessageContaining("invalid channel");
        }
    }
}
