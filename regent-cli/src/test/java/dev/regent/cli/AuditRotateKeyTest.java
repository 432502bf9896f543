package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.Witnesses;
import dev.regent.core.policy.PolicyParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code regent audit rotate-key} through the real CLI on a real data directory (docs/operations.md, "The audit signing
 * key"): the dry run changes nothing; the rotation seals the log with the old key, records the hand-over, installs the
 * new key and signs with it; verification accepts the published checkpoints of both keys as one log, from either key;
 * the retired key signs nothing more, and a server started with it is not ready, while one with the new key is.
 */
class AuditRotateKeyTest {
    @TempDir
    Path dir;

    @Test
    void aRotationThroughTheCliKeepsTheLogVerifiableAndRetiresTheOldKey() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        ok(cli, "model", "create", "fraud");
        ok(cli, "model", "create", "churn");
        ok(cli, "audit", "checkpoint", "--checkpoint-dir", "published");
        String oldKey = ok(cli, "audit", "key").out().strip();
        Path keyFile = cli.dataDir.resolve("audit-signing.key");
        String oldKeyText = Files.readString(keyFile);
        ok(cli, "model", "create", "spam"); // appended after the last checkpoint: the rotation seals it with the old key

        CliHarness.Result dry = ok(cli, "--dry-run", "audit", "rotate-key", "--reason", "yearly rotation");
        assertThat(dry.out()).contains("Record the hand-over of the audit signing key");
        assertThat(Files.readString(keyFile)).isEqualTo(oldKeyText);
        assertThat(cli.dataDir.resolve("audit-signing.key.next")).doesNotExist();
        assertThat(ok(cli, "audit", "log").out()).doesNotContain("audit.key.rotate");

        CliHarness.Result rotated = ok(cli, "audit", "rotate-key", "--reason", "yearly rotation",
                "--checkpoint-dir", "published");
        String newKey = ok(cli, "audit", "key").out().strip();
        assertThat(newKey).isNotEqualTo(oldKey).startsWith("regent.local/audit+");
        assertThat(rotated.out()).contains("New verifier key (publish it where auditors keep the old one): " + newKey);
        assertThat(rotated.section("Changes")).contains("audit key");
        Path retired = cli.dataDir.resolve("audit-signing.key.retired-" + VerifierKey.parse(oldKey).keyIdHex());
        assertThat(Files.readString(retired)).isEqualTo(oldKeyText);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(cli.dataDir.resolve("audit-signing.key.next")).doesNotExist();

        // published: the old key's last checkpoint (size 6 with the spam entry), the transition, the new key's first
        Path published = dir.resolve("published");
        long sealed = sizeOf(published, "key-transition-");
        KeyTransition t = KeyTransition.open(Files.readString(published.resolve("key-transition-" + sealed + ".txt")));
        assertThat(t.from().toString()).isEqualTo(oldKey);
        assertThat(t.to().toString()).isEqualTo(newKey);
        assertThat(t.endorsedIn(Files.readString(published.resolve("key-transition-" + sealed + ".txt")))).isTrue();
        assertThat(SignedCheckpoints.open(Files.readString(published.resolve("checkpoint-" + sealed + ".txt")),
                VerifierKey.parse(oldKey)).size()).isEqualTo(sealed);
        assertThat(SignedCheckpoints.open(Files.readString(published.resolve("checkpoint-" + (sealed + 1) + ".txt")),
                VerifierKey.parse(newKey)).size()).isEqualTo(sealed + 1);

        CliHarness.Result log = ok(cli, "audit", "log");
        assertThat(log.out()).contains("audit.key.rotate").contains("yearly rotation");

        ok(cli, "model", "create", "later");
        ok(cli, "audit", "checkpoint", "--checkpoint-dir", "published");
        String[] all = Stream.concat(Stream.of("audit", "verify"), checkpointArgs(published)).toArray(String[]::new);
        assertThat(ok(cli, all).out()).startsWith("OK: ");
        String[] fromOld = Stream.concat(Stream.of("audit", "verify", "--key", oldKey), checkpointArgs(published))
                .toArray(String[]::new);
        assertThat(ok(cli, fromOld).out()).startsWith("OK: ");

        // the retired key: signing with it is refused, and rotating again from it too
        cli.env.put("REGENT_AUDIT_KEY_FILE", retired.toString());
        CliHarness.Result rollback = cli.run("audit", "checkpoint");
        assertThat(rollback.exit()).as(rollback.toString()).isEqualTo(1);
        assertThat(rollback.err()).contains("was retired at size " + sealed);
        CliHarness.Result again = cli.run("audit", "rotate-key", "--reason", "rollback attempt");
        assertThat(again.exit()).as(again.toString()).isNotZero();
        cli.env.remove("REGENT_AUDIT_KEY_FILE");
        assertThat(ok(cli, "audit", "key").out().strip()).isEqualTo(newKey);

        // /ready: the new key's server is ready; one started with the retired key is an audit incident
        try (ServerLauncher server = start(cli.dataDir, null)) {
            assertThat(server.audit().checkStoredTree()).isEmpty();
            assertThat(ready(server)).isEqualTo(200);
        }
        try (ServerLauncher server = start(cli.dataDir, retired)) {
            assertThat(server.audit().checkStoredTree()).hasValueSatisfying(w -> assertThat(w).contains("retired"));
            assertThat(ready(server)).isEqualTo(503);
        }

        // restore checks the backup against the published checkpoints of both keys as one log
        ok(cli, "backup", "--to", "bk");
        String[] restore = Stream.concat(Stream.of("--data", "restored", "restore", "--from", "bk"),
                checkpointArgs(published)).toArray(String[]::new);
        assertThat(ok(cli, restore).out()).contains("[pass] audit log");
    }

    @Test
    void aLostOldKeyIsReplacedByAHandOverOnlyTheNewKeySigned() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        ok(cli, "model", "create", "fraud");
        ok(cli, "audit", "checkpoint", "--checkpoint-dir", "published");
        String oldKey = ok(cli, "audit", "key").out().strip();
        Files.delete(cli.dataDir.resolve("audit-signing.key"));

        CliHarness.Result refused = cli.run("audit", "rotate-key", "--reason", "disk lost");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--old-key-lost");

        ok(cli, "audit", "rotate-key", "--reason", "disk lost", "--old-key-lost", "--old-key", oldKey,
                "--checkpoint-dir", "published");
        String newKey = ok(cli, "audit", "key").out().strip();
        Path published = dir.resolve("published");
        String[] fromNew = Stream.concat(Stream.of("audit", "verify", "--key", newKey), checkpointArgs(published))
                .toArray(String[]::new);
        assertThat(ok(cli, fromNew).out()).startsWith("OK: ");
        // whoever holds only the old key cannot tell this hand-over from a thief's: refused until given the new key
        String[] fromOld = Stream.concat(Stream.of("audit", "verify", "--key", oldKey), checkpointArgs(published))
                .toArray(String[]::new);
        CliHarness.Result v = cli.run(fromOld);
        assertThat(v.exit()).as(v.toString()).isEqualTo(1);
        assertThat(v.out()).contains("is not signed by key " + oldKey).contains("out of band");
    }

    @Test
    void aRotationThatStoppedAfterRecordingTheHandOverIsFinishedByRunningItAgain() throws Exception {
        CliHarness cli = CliHarness.withoutGates(dir);
        ok(cli, "model", "create", "fraud");
        ok(cli, "audit", "checkpoint");
        String oldKey = ok(cli, "audit", "key").out().strip();
        ok(cli, "audit", "rotate-key", "--reason", "scheduled");
        // put the key files back as a stop between recording the hand-over and installing the key leaves them
        Path keyFile = cli.dataDir.resolve("audit-signing.key");
        Path retired = cli.dataDir.resolve("audit-signing.key.retired-" + VerifierKey.parse(oldKey).keyIdHex());
        String newKeyText = Files.readString(keyFile);
        Files.move(keyFile, cli.dataDir.resolve("audit-signing.key.next"));
        Files.move(retired, keyFile);
        assertThat(cli.run("audit", "checkpoint").err()).contains("was retired");

        CliHarness.Result finished = ok(cli, "audit", "rotate-key", "--reason", "scheduled");
        assertThat(finished.out()).contains("Finished an interrupted rotation");
        assertThat(Files.readString(keyFile)).isEqualTo(newKeyText);
        assertThat(cli.dataDir.resolve("audit-signing.key.next")).doesNotExist();
        assertThat(ok(cli, "audit", "log").out().split("audit.key.rotate", -1)).as("one rotation recorded").hasSize(2);
        assertThat(ok(cli, "audit", "verify", "--key", oldKey).out()).startsWith("OK: ");
    }

    private static Stream<String> checkpointArgs(Path published) throws Exception {
        try (Stream<Path> files = Files.list(published)) {
            return files.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).sorted()
                    .flatMap(p -> Stream.of("--checkpoint", p.toString())).toList().stream();
        }
    }

    private static long sizeOf(Path published, String prefix) throws Exception {
        try (Stream<Path> files = Files.list(published)) {
            String name = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst().orElseThrow();
            return Long.parseLong(name.substring(prefix.length(), name.length() - ".txt".length()));
        }
    }

    private static int ready(ServerLauncher server) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static ServerLauncher start(Path data, Path keyFile) {
        return ServerLauncher.start(data, null, PolicyParser.parse("version: 1\n", "none"), "127.0.0.1", 0, null,
                Clock.systemUTC(), new ServerLauncher.AuditOptions(keyFile, LocalAudit.DEFAULT_ORIGIN,
                        CheckpointSigner.Schedule.defaults(), null, Witnesses.NONE));
    }

    private static CliHarness.Result ok(CliHarness cli, String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }
}
