package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens from the CLI: the secret is printed once and never again; list and revoke never show it. */
class CliTokenTest {
    @TempDir
    Path dir;

    @Test
    void aTokenIsShownOnceListedWithoutItsSecretAndRevoked() throws Exception {
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("principal", "add", "ci-bot", "--role", "contributor", "--service").exit()).isZero();
        CliHarness.Result created = cli.run("token", "create", "ci-bot", "--expires-in", "90d", "--description", "nightly job");
        assertThat(created.exit()).as(created.toString()).isZero();
        String secret = created.out().lines().filter(l -> l.startsWith("Token: ")).findFirst().orElseThrow().substring(7);
        assertThat(secret).matches("rgt_[A-Za-z0-9_-]{43}");
        assertThat(created.section("Changes")).contains("issued for ci-bot").doesNotContain(secret);

        String json = cli.run("--json", "token", "create", "ci-bot").out();
        assertThat(new ObjectMapper().readTree(json).get("token").asText()).startsWith("rgt_").isNotEqualTo(secret);

        CliHarness.Result list = cli.run("token", "list", "--principal", "all");
        assertThat(list.out()).contains("ci-bot", "nightly job", "valid").doesNotContain("rgt_");
        String id = list.out().lines().filter(l -> l.contains("nightly job")).findFirst().orElseThrow().split("\\s+")[0];
        assertThat(cli.run("token", "revoke", id).exit()).isZero();
        assertThat(cli.run("token", "list", "--principal", "ci-bot").out()).contains("revoked");
        assertThat(cli.run("token", "revoke", id).exit()).as("already revoked").isEqualTo(1);
        assertThat(cli.run("audit", "log").out()).contains("token.create", "token.revoke").doesNotContain(secret);
        assertThat(cli.snapshot()).doesNotContain(secret);
        // not found, as the README's exit codes say (it exited 1, a rule, before issue 18)
        assertThat(cli.run("token", "create", "nobody").exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.run("token", "create", "ci-bot", "--expires-in", "forever").exit()).isEqualTo(2);
    }
}
