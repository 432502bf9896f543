package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.policy.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** regent audit key|checkpoint|prove with --registry: the server's key, checkpoints and proofs, printed as locally. */
class RemoteAuditTest {
    @TempDir
    Path dir;

    @Test
    void keyCheckpointAndProofsGoThroughTheServer() throws Exception {
        String token = TokenSecret.generate(new SecureRandom());
        Path data = dir.resolve("data");
        try (ServerLauncher server = ServerLauncher.start(data, null, Policies.builtIn(), "127.0.0.1", 0, token,
                Clock.systemUTC())) {
            CliHarness cli = new CliHarness(dir);
            String[] remote = {"--registry", "http://127.0.0.1:" + server.port(), "--token", token};
            for (String name : new String[] {"a", "b", "c"}) {
                CliHarness.Result created = cli.run(concat(remote, "model", "create", name));
                assertThat(created.exit()).as(created.toString()).isZero();
            }

            CliHarness.Result key = cli.run(concat(remote, "audit", "key"));
            assertThat(key.exit()).as(key.toString()).isZero();
            assertThat(key.out().trim()).isEqualTo(server.audit().verifier().toString());

            CliHarness.Result signed = cli.run(concat(remote, "audit", "checkpoint", "--checkpoint-dir", "published"));
            assertThat(signed.exit()).as(signed.toString()).isZero();
            long size = SignedCheckpoints.open(signed.out().substring(0, signed.out().indexOf("Written to")),
                    server.audit().verifier()).size();
            assertThat(size).isGreaterThanOrEqualTo(4);
            assertThat(Files.readString(dir.resolve("published/checkpoint-" + size + ".txt")))
                    .isEqualTo(server.audit().latest().orElseThrow().note());

            // the same proofs as the local command computes over the same database
            CliHarness.Result inclusion = cli.run(concat(remote, "audit", "prove", "--entry", "2", "--size", "" + size, "--json"));
            assertThat(inclusion.exit()).as(inclusion.toString()).isZero();
            CliHarness.Result local = cli.run("--data", data.toString(), "audit", "prove", "--entry", "2", "--size", "" + size, "--json");
            assertThat(local.exit()).as(local.toString()).isZero();
            assertThat(inclusion.out()).isEqualTo(local.out());

            CliHarness.Result consistency = cli.run(concat(remote, "audit", "prove", "--from", "2", "--to", "" + size));
            CliHarness.Result localConsistency = cli.run("--data", data.toString(), "audit", "prove", "--from", "2", "--to", "" + size);
            assertThat(consistency.exit()).as(consistency.toString()).isZero();
            assertThat(consistency.out()).isEqualTo(localConsistency.out()).contains("root2: ");

            // verification needs the entries: local only
            CliHarness.Result verify = cli.run(concat(remote, "audit", "verify"));
            assertThat(verify.exit()).isNotZero();
            assertThat(verify.err()).contains("local mode");
        }
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
