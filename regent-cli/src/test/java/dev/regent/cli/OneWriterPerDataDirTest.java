package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.core.access.TokenSecret;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.policy.Policies;
import dev.regent.store.lock.DataDirLock;
import dev.regent.store.lock.LockHolder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per data directory: a running server holds it, so a second server is refused and local-mode commands
 * may read but not write behind its back; once it stops, local mode writes again. Local changes say via=local and
 * which OS account made them.
 */
class OneWriterPerDataDirTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private ServerLauncher start(Path data) {
        return ServerLauncher.start(data, null, Policies.builtIn(), "127.0.0.1", 0,
                TokenSecret.generate(new SecureRandom()), Clock.systemUTC());
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedNamingTheFirst() {
        CliHarness cli = new CliHarness(dir);
        try (ServerLauncher first = start(cli.dataDir)) {
            String address = "http://127.0.0.1:" + first.port();
            long begun = System.nanoTime();
            // --exit-when-ready: were it to start, it would stop again instead of serving until the test times out
            CliHarness.Result second = cli.run("serve", "--port", "0", "--exit-when-ready");
            assertThat(second.exit()).as(second.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(second.err()).contains("already served by the Regent server at " + address)
                    .contains("pid " + PID).contains("--registry " + address)
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(second.out()).doesNotContain("Regent listening");
            assertThat(System.nanoTime() - begun).as("refused at once, not after a wait").isLessThan(1_500_000_000L);
            assertThatThrownBy(() -> start(cli.dataDir)).isInstanceOf(RegentException.class)
                    .satisfies(e -> assertThat(((RegentException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }

    @Test
    void aLocalWriteOnAServersDirectoryIsRefusedAndChangesNothingWhileReadsWork() {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "before").exit()).isZero();
        try (ServerLauncher server = start(cli.dataDir)) {
            String address = "http://127.0.0.1:" + server.port();
            String snapshot = registryState(cli);

            CliHarness.Result write = cli.run("model", "create", "behind-its-back");
            assertThat(write.exit()).as(write.toString()).isEqualTo(ExitCodes.REFUSED);
            assertThat(write.err()).contains("held by the Regent server at " + address).contains("pid " + PID)
                    .contains("--registry " + address).doesNotContain("Exception");
            CliHarness.Result json = cli.run("--json", "version", "register", "before", "--source", "s3://b/m");
            assertThat(json.exit()).isEqualTo(ExitCodes.REFUSED);
            assertThat(json.out()).contains("CONFLICT").contains(address);
            assertThat(registryState(cli)).as("the registry is unchanged").isEqualTo(snapshot);

            CliHarness.Result list = cli.run("model", "list");
            assertThat(list.exit()).as(list.toString()).isZero();
            assertThat(list.out()).contains("before").doesNotContain("behind-its-back");
            assertThat(cli.run("audit", "log").exit()).isZero();
            CliHarness.Result dryRun = cli.run("--dry-run", "model", "create", "planned");
            assertThat(dryRun.exit()).as("a dry run only reads").isZero();
            assertThat(registryState(cli)).isEqualTo(snapshot);
        }
        CliHarness.Result after = cli.run("model", "create", "after-the-server");
        assertThat(after.exit()).as("the server stopped: local mode writes again\n" + after).isZero();
    }

    @Test
    void aServerWaitsBrieflyForALocalCommandThenSaysWhoHasTheDirectory() throws Exception {
        Path data = dir.resolve("data");
        LockHolder local = LockHolder.thisProcess(LockHolder.Kind.LOCAL, Instant.now());
        try (DataDirLock command = DataDirLock.tryShared(data, local).orElseThrow()) {
            long begun = System.nanoTime();
            assertThatThrownBy(() -> start(data)).isInstanceOf(RegentException.class)
                    .hasMessageContaining("local-mode regent command (pid " + PID).hasMessageContaining("try again");
            assertThat(System.nanoTime() - begun).isGreaterThanOrEqualTo(ServerDirectoryLock.WAIT_FOR_LOCAL.toNanos());
        }
        // a command that finishes within the wait does not stop the server
        DataDirLock command = DataDirLock.tryShared(data, local).orElseThrow();
        Thread release = new Thread(() -> {
            sleep(300);
            command.close();
        });
        release.start();
        try (ServerLauncher server = start(data)) {
            assertThat(DataDirLock.holder(data)).hasValueSatisfying(h -> assertThat(h.address())
                    .isEqualTo("http://127.0.0.1:" + server.port()));
        }
        release.join();
    }

    @Test
    void aLocalChangeIsAuditedViaLocalWithTheOsUser() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("principal", "add", "dana", "--role", "contributor").exit()).isZero();
        assertThat(cli.run("--as", "dana", "model", "create", "fraud").exit()).isZero();
        CliHarness.Result log = cli.run("--json", "audit", "log", "--model", "fraud");
        assertThat(log.exit()).as(log.toString()).isZero();
        JsonNode entries = new ObjectMapper().readTree(log.out());
        JsonNode entry = entries.isArray() ? entries.get(0) : entries.findValue("entries").get(0);
        assertThat(entry.get("actor").asText()).isEqualTo("dana");
        assertThat(entry.get("after").get("via").asText()).isEqualTo("local");
        assertThat(entry.get("after").get("os_user").asText()).as("who asserted --as dana").isEqualTo("tester");
    }

    /** Every table but the audit checkpoints, which the server signs on its own schedule. */
    private static String registryState(CliHarness cli) {
        return cli.snapshot().replaceAll("(?s)checkpoints:\n.*?(?=compliance_tags:)", "");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
