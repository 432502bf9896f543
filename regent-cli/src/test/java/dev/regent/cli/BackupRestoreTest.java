package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.access.TokenSecret;
import dev.regent.core.policy.PolicyParser;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * regent backup / restore on the embedded store: a backup taken while a server writes restores and verifies; an older
 * backup is refused against a later published checkpoint (a fork); a damaged backup restores nothing; a database
 * written by a newer Regent is refused.
 */
class BackupRestoreTest {
    @TempDir
    Path dir;

    @Test
    void aBackupTakenWhileTheServerWritesRestoresAndAnOlderOneIsRefusedAsAFork() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Path data = dir.resolve("regent-data");
        Files.writeString(dir.resolve("model.bin"), "weights v1");
        String token = TokenSecret.generate(new SecureRandom());
        Path beforeBackup;
        String webhookId;
        String webhookSecret;
        try (ServerLauncher server = ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0,
                token, Clock.systemUTC())) {
            String url = "http://127.0.0.1:" + server.port();
            assertThat(cli.run("--registry", url, "--token", token, "model", "create", "m").exit()).isZero();
            CliHarness.Result upload = cli.run("--registry", url, "--token", token, "version", "register", "m", "--upload", "model.bin");
            assertThat(upload.exit()).as(upload.toString()).isZero();
            // a webhook: its secret is sealed under the data directory's key, which the backup must carry
            CliHarness.Result hook = cli.run("--registry", url, "--token", token, "webhook", "create", "--url",
                    "https://93.184.215.14/hook", "--events", "approval.given", "--json");
            assertThat(hook.exit()).as(hook.toString()).isZero();
            com.fasterxml.jackson.databind.JsonNode created = new com.fasterxml.jackson.databind.ObjectMapper().readTree(hook.out());
            webhookId = created.get("id").asText();
            webhookSecret = created.get("secret").asText();
            assertThat(cli.run("--registry", url, "--token", token, "audit", "checkpoint", "--checkpoint-dir", "published").exit()).isZero();
            beforeBackup = onlyCheckpoint(dir.resolve("published"));
            assertThat(cli.run("--registry", url, "--token", token, "model", "create", "m2").exit()).isZero();

            CliHarness.Result backup = cli.run("--data", data.toString(), "backup", "--to", "bk1");
            assertThat(backup.exit()).as(backup.toString()).isZero();
            assertThat(backup.section("Verification")).contains("[pass] manifest").contains("[pass] audit log");
            assertThat(backup.section("Rollback")).contains("rm -r");
            Path bk1 = dir.resolve("bk1");
            assertThat(Files.getPosixFilePermissions(bk1)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            assertThat(Files.getPosixFilePermissions(bk1.resolve("audit-signing.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.getPosixFilePermissions(bk1.resolve("webhook-secrets.key")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(bk1.resolve("backup-info.txt"))).contains("audit_verified: yes")
                    .contains("policy_revision: 1");
            sha256sumAgrees(bk1);

            // the registry moves on and publishes a checkpoint covering entries the backup does not hold
            assertThat(cli.run("--registry", url, "--token", token, "model", "create", "m3").exit()).isZero();
            assertThat(cli.run("--registry", url, "--token", token, "audit", "checkpoint", "--checkpoint-dir", "later").exit()).isZero();
        }
        Path latest = onlyCheckpoint(dir.resolve("later"));

        CliHarness.Result fork = cli.run("--data", "restored-old", "restore", "--from", "bk1", "--checkpoint", latest.toString());
        assertThat(fork.exit()).as(fork.toString()).isEqualTo(1);
        assertThat(fork.err()).contains("fork").contains("nothing was restored");
        assertThat(dir.resolve("restored-old")).as("a refused restore leaves nothing behind").doesNotExist();

        CliHarness.Result restored = cli.run("--data", "restored", "restore", "--from", "bk1", "--checkpoint", beforeBackup.toString());
        assertThat(restored.exit()).as(restored.toString()).isZero();
        assertThat(restored.section("Verification")).contains("consistent with");
        assertThat(cli.run("--data", "restored", "audit", "verify").exit()).isZero();
        String models = cli.run("--data", "restored", "--as", "admin", "model", "list").out();
        assertThat(models).contains("m2").doesNotContain("m3");
        // the restored registry still signs with the webhook's secret (the key came back with the sealed rows)
        try (dev.regent.core.store.RegistryStore store = dev.regent.store.StoreFactory.open(dir.resolve("restored"), null)) {
            dev.regent.core.webhook.Webhook w = store.read(tx -> tx.findWebhook(webhookId)).orElseThrow();
            assertThat(w.secretProblem()).isEmpty();
            assertThat(w.secret()).isEqualTo(webhookSecret);
        }
        CliHarness.Result verified = cli.run("--data", "restored", "--as", "admin", "verify", "m", "1");
        assertThat(verified.exit()).as("the blob came back with the database: " + verified).isZero();

        // a backup of the stopped registry is the newest state: it restores against the latest checkpoint
        assertThat(cli.run("--data", data.toString(), "backup", "--to", "bk2").exit()).isZero();
        CliHarness.Result current = cli.run("--data", "restored-new", "restore", "--from", "bk2", "--checkpoint", latest.toString());
        assertThat(current.exit()).as(current.toString()).isZero();
        assertThat(cli.run("--data", "restored-new", "--as", "admin", "model", "list").out()).contains("m3");
    }

    @Test
    void aDamagedOrIncompleteBackupRestoresNothing() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        Files.writeString(dir.resolve("model.bin"), "weights v1");
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        assertThat(cli.run("version", "register", "m", "--upload", "model.bin").exit()).isZero();
        assertThat(cli.run("backup", "--to", "bk").exit()).isZero();
        Path bk = dir.resolve("bk");
        Path blob;
        try (Stream<Path> files = Files.walk(bk.resolve("blobs"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] original = Files.readAllBytes(blob);
        try (RandomAccessFile f = new RandomAccessFile(blob.toFile(), "rw")) {
            f.write('X');
        }
        CliHarness.Result damaged = cli.run("--data", "r1", "restore", "--from", "bk");
        assertThat(damaged.exit()).isEqualTo(2);
        assertThat(damaged.err()).contains("damaged").contains("does not match its SHA-256");
        assertThat(dir.resolve("r1")).doesNotExist();
        Files.write(blob, original);

        Files.createDirectories(dir.resolve("busy"));
        Files.writeString(dir.resolve("busy/keep.txt"), "mine");
        CliHarness.Result notEmpty = cli.run("--data", "busy", "restore", "--from", "bk");
        assertThat(notEmpty.exit()).isEqualTo(2);
        assertThat(notEmpty.err()).contains("not empty");
        try (Stream<Path> files = Files.list(dir.resolve("busy"))) {
            assertThat(files.toList()).containsExactly(dir.resolve("busy/keep.txt"));
        }

        Files.delete(bk.resolve("SHA256SUMS"));
        CliHarness.Result incomplete = cli.run("--data", "r2", "restore", "--from", "bk");
        assertThat(incomplete.exit()).isEqualTo(2);
        assertThat(incomplete.err()).contains("did not finish");
        assertThat(cli.run("--data", "r3", "restore", "--from", "nowhere").exit()).isEqualTo(3);
        assertThat(cli.run("restore", "--from", "bk").err()).contains("--data NEW_DIR is required");
        assertThat(cli.run("backup", "--to", "regent-data/inside").err()).contains("outside the data directory");
        assertThat(cli.run("--data", "empty", "backup", "--to", "bk3").exit()).isEqualTo(3);
    }

    @Test
    void aDatabaseWrittenByANewerRegentIsRefusedAndNotTouched() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        assertThat(cli.run("model", "create", "m").exit()).isZero();
        Path db = dir.resolve("regent-data/regent.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, installed_on, execution_time, success) VALUES (999, '99', 'future', 'SQL', "
                    + "'V99__future.sql', 0, 'x', '2030-01-01', 1, 1)");
        }
        byte[] before = Files.readAllBytes(db);
        CliHarness.Result refused = cli.run("model", "list");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("written by a newer Regent").contains("schema version 99")
                .contains("docs/operations.md");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
    }

    private static Path onlyCheckpoint(Path published) throws Exception {
        try (Stream<Path> files = Files.list(published)) {
            return files.max(Comparator.comparing(Path::toString)).orElseThrow();
        }
    }

    /** The manifest is coreutils' format: sha256sum itself checks the backup, without Regent. */
    private static void sha256sumAgrees(Path backup) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("sha256sum", "--quiet", "-c", "SHA256SUMS").directory(backup.toFile())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException noCoreutils) {
            return;
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(Files.readAllLines(backup.resolve("SHA256SUMS"))).anyMatch(l -> l.endsWith("  regent.db"))
                .anyMatch(l -> l.contains("  blobs/sha256/")).anyMatch(l -> l.endsWith("  backup-info.txt"));
        List.of();
    }
}
