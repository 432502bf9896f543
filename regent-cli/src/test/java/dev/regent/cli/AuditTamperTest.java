package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditDecoding;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditRecord;
import dev.regent.core.model.Principal;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tampering with the real SQLite file the way someone with database access would (dropping the append-only
 * triggers first) and checking that {@code regent audit verify} detects each kind of lie and names the entry.
 */
class AuditTamperTest {
    @TempDir
    Path dir;
    private CliHarness cli;
    private String published;

    @BeforeEach
    void aGovernedLogWithAPublishedCheckpoint() throws Exception {
        cli = CliHarness.withoutGates(dir);
        ok("model", "create", "fraud", "--description", "Card fraud");
        ok("model", "create", "churn");
        ok("model", "update", "fraud", "--description", "Card fraud, v2");
        ok("model", "create", "spam");
        CliHarness.Result r = ok("audit", "checkpoint", "--checkpoint-dir", "published");
        assertThat(r.out()).startsWith("regent.local/audit\n");
        published = "published/checkpoint-" + entries() + ".txt";
        assertThat(Files.readString(dir.resolve(published))).isEqualTo(r.out().substring(0, r.out().indexOf("Written to")));
    }

    @Test
    void anUntouchedLogVerifiesAndTheKeyFileIsOwnerOnly() throws Exception {
        CliHarness.Result r = ok("audit", "verify", "--checkpoint", published);
        assertThat(r.out()).startsWith("OK: " + entries() + " entries");
        String key = ok("audit", "key").out().strip();
        assertThat(key).startsWith("regent.local/audit+");
        ok("audit", "verify", "--checkpoint", published, "--key", key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.dataDir.resolve("audit-signing.key"))))
                .isEqualTo("rw-------");
        assertThat(ok("audit", "prove", "--entry", "2").out()).contains("kind: inclusion", "tree_size: " + entries());
        assertThat(ok("audit", "prove", "--from", "1", "--to", "3").out()).contains("kind: consistency");
    }

    @Test
    void anEditedEntryIsNamed() throws Exception {
        sql("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2");
        assertFails("First divergent entry: 2", "entry 2 differs");
    }

    @Test
    void anEntryRewrittenWithItsCachedLeafIsNeverResealed() throws Exception {
        byte[] original;
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT entry FROM audit_entries WHERE seq = 2")) {
            rs.next();
            original = rs.getBytes(1);
        }
        AuditRecord r = AuditDecoding.decode(original);
        AuditEntry e = r.entry();
        byte[] bytes = AuditEncoding.encode(new AuditEntry(e.seq(), e.at(), e.actor(), e.action(), e.target(), e.outcome(),
                "nothing to see", e.before(), e.after(), e.evidence()), r.previous().orElse(null));
        sql("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2");
        try (Connection c = DriverManager.getConnection(url());
             PreparedStatement entry = c.prepareStatement("UPDATE audit_entries SET entry = ? WHERE seq = 2");
             PreparedStatement leaf = c.prepareStatement("UPDATE audit_leaves SET hash = ? WHERE seq = 2")) {
            entry.setBytes(1, bytes);
            entry.executeUpdate();
            leaf.setBytes(1, TreeHasher.leaf(bytes).bytes());
            leaf.executeUpdate();
        }
        ok("model", "create", "later");
        CliHarness.Result sign = cli.run("audit", "checkpoint");
        assertThat(sign.exit()).as("never re-seal an edited log: " + sign).isEqualTo(1);
        assertThat(sign.toString()).contains("not consistent with the checkpoint");
        assertFails("does not match the entries");
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        sql("DELETE FROM audit_fields WHERE seq = 2", "DELETE FROM audit_evidence WHERE seq = 2",
                "DELETE FROM audit_leaves WHERE seq = 2", "DELETE FROM audit_entries WHERE seq = 2", "DELETE FROM audit_log WHERE seq = 2");
        assertFails("First divergent entry: 2", "entry 2 is missing");
    }

    @Test
    void reorderedEntriesAreNamed() throws Exception {
        sql("UPDATE audit_log SET at = (SELECT at FROM audit_log WHERE seq = 3) + 1 WHERE seq = 1");
        assertFails("First divergent entry: 1");
    }

    @Test
    void aTruncatedTailIsNamed() throws Exception {
        long n = entries();
        sql("DELETE FROM audit_fields WHERE seq = " + n, "DELETE FROM audit_evidence WHERE seq = " + n,
                "DELETE FROM audit_leaves WHERE seq = " + n, "DELETE FROM audit_entries WHERE seq = " + n,
                "DELETE FROM audit_model_heads WHERE seq = " + n, "DELETE FROM audit_log WHERE seq = " + n,
                "UPDATE audit_head SET seq = seq - 1", "DELETE FROM checkpoints");
        assertFails("First divergent entry: " + n, "truncated");
    }

    @Test
    void recomputingEveryHashAfterAnEditStillFailsAgainstThePublishedCheckpoint() throws Exception {
        // a thorough forger: rewrites the newest entry's bytes (so no later entry's hash chain names the original) and its
        // derived column, recomputes every cached leaf hash and removes the stored checkpoints
        long n = entries();
        byte[] original;
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT entry FROM audit_entries WHERE seq = " + n)) {
            rs.next();
            original = rs.getBytes(1);
        }
        AuditRecord r = AuditDecoding.decode(original);
        AuditEntry e = r.entry();
        AuditEntry forged = new AuditEntry(e.seq(), e.at(), Principal.of("mallory"), e.action(), e.target(), e.outcome(),
                e.reason(), e.before(), e.after(), e.evidence());
        byte[] bytes = AuditEncoding.encode(forged, r.previous().orElse(null));
        sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = " + n, "DELETE FROM checkpoints");
        try (Connection c = DriverManager.getConnection(url());
             PreparedStatement entry = c.prepareStatement("UPDATE audit_entries SET entry = ? WHERE seq = ?");
             PreparedStatement leaf = c.prepareStatement("UPDATE audit_leaves SET hash = ? WHERE seq = ?")) {
            entry.setBytes(1, bytes);
            entry.setLong(2, n);
            entry.executeUpdate();
            leaf.setBytes(1, TreeHasher.leaf(bytes).bytes());
            leaf.setLong(2, n);
            leaf.executeUpdate();
        }
        assertThat(ok("audit", "verify").out()).as("without the published checkpoint the rewrite is invisible").startsWith("OK");
        assertFails("does not match the entries");
    }

    @Test
    void anEditedDerivedColumnIsNamedAndCannotHideTheEntryFromAReadByModel() throws Exception {
        sql("UPDATE audit_log SET model = 'spam' WHERE target = 'fraud' AND action = 'model.update'");
        assertFails("differs from its bytes in its derived column(s) model");
        CliHarness.Result r = cli.run("audit", "log", "--model", "fraud");
        assertThat(r.exit()).as(r.toString()).isNotZero();
        assertThat(r.toString()).contains("audit incident");
    }

    /** Field and evidence rows are derived columns too; values holding the packed form's ':' and digits included. */
    @Test
    void anEditedOrAddedFieldRowIsNamed() throws Exception {
        long seq;
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT max(seq) FROM audit_fields WHERE side = 'after'")) {
            rs.next();
            seq = rs.getLong(1);
        }
        sql("UPDATE audit_fields SET value = value || '3:ab' WHERE seq = " + seq + " AND side = 'after'");
        assertFails("entry " + seq + " differs from its bytes in its derived column(s) after");
        sql("INSERT INTO audit_fields (seq, side, name, value) VALUES (" + seq + ", 'before', '1:x', '')");
        assertFails("entry " + seq + " differs from its bytes in its derived column(s) before, after");
    }

    @Test
    void forgedCheckpointsAreRefused() throws Exception {
        String note = Files.readString(dir.resolve(published));
        Checkpoint real = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
        SigningKey impostor = SigningKey.generate(real.origin(), new SecureRandom());
        write("wrong-key.txt", SignedCheckpoints.sign(real, impostor));
        write("altered-root.txt", note.replace(real.root().base64(), TreeHasher.EMPTY_ROOT.base64()));
        write("extra-line.txt", note.replace(real.root().base64() + "\n", real.root().base64() + "\nextra\n"));
        write("extra-signature-line.txt", note + "trailing\n");
        for (String forged : List.of("wrong-key.txt", "altered-root.txt", "extra-line.txt", "extra-signature-line.txt")) {
            CliHarness.Result r = cli.run("audit", "verify", "--checkpoint", forged);
            assertThat(r.exit()).as(forged + "\n" + r).isEqualTo(1);
            assertThat(r.out()).as(forged).contains(forged + " is not a valid checkpoint");
        }
        CliHarness.Result r = cli.run("audit", "verify", "--checkpoint", published, "--key", impostor.verifier().toString());
        assertThat(r.exit()).as("the real checkpoint under another key").isEqualTo(1);
    }

    private void assertFails(String... expected) {
        CliHarness.Result r = cli.run("audit", "verify", "--checkpoint", published);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString()).contains(expected);
    }

    private CliHarness.Result ok(String... args) {
        CliHarness.Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private String url() {
        return "jdbc:sqlite:" + cli.dataDir.resolve("regent.db");
    }

    private long entries() throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT max(seq) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Runs statements as a tamperer with file access would: the append-only triggers are dropped first. */
    private void sql(String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            for (String table : List.of("audit_log", "audit_fields", "audit_evidence", "audit_entries", "audit_leaves", "checkpoints")) {
                s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_update");
                s.executeUpdate("DROP TRIGGER IF EXISTS " + table + "_no_delete");
            }
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }
}
