package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditDecoding;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditLink;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditRecord;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.merkle.RootAccumulator;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tree.RecomputedLog;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.store.RegistryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log written before V8 (entries as columns, encoding version 1) gets its bytes when the store opens it — but only
 * if it verifies: against the leaf hashes cached when each entry was appended and the latest signed checkpoint.
 */
class AuditEntryBackfillTest {
    @TempDir
    Path dir;

    @Test
    void aVerifiedOldLogGetsItsVersionOneBytesAndNewEntriesChainOnIt() throws Exception {
        String url = logBeforeV8();
        checkpoint(url, 3, true);
        try (RegistryStore store = StoreFactory.open(dir, null)) {
            List<StoredEntryBytes> bytes = store.read(tx -> tx.auditBytes(0, 10));
            assertThat(bytes).hasSize(3);
            for (StoredEntryBytes b : bytes) {
                AuditRecord r = AuditDecoding.decode(b.bytes());
                assertThat(r.version()).isEqualTo(1);
                assertThat(AuditEncoding.encodeVersion1(r.entry())).isEqualTo(b.bytes());
            }
            AuditEntry next = store.inTransaction(tx -> tx.appendAudit(AuditEntry.draft(Instant.EPOCH, Principal.of("carol"),
                    AuditAction.MODEL_UPDATE, "fraud", AuditOutcome.APPLIED, "", null, null)));
            AuditRecord linked = AuditDecoding.decode(store.read(tx -> tx.auditBytes(3, 1)).get(0).bytes());
            assertThat(linked.previous()).contains(new AuditLink(2, TreeHasher.leaf(bytes.get(1).bytes())));
            ModelName fraud = ModelName.of("fraud");
            List<AuditEntry> up = store.read(tx -> tx.auditEntries(new AuditQuery(fraud, 0, 10)));
            assertThat(up).extracting(AuditEntry::seq).containsExactly(1L, 2L, 4L);
            List<AuditEntry> down = store.read(tx -> tx.auditEntries(AuditQuery.newestFirst(fraud, null, null, Long.MAX_VALUE, 10)));
            assertThat(down).extracting(AuditEntry::seq).containsExactly(4L, 2L, 1L);
            assertThat(next.seq()).isEqualTo(4);
            assertThat(store.read(RecomputedLog::of).findings()).isEmpty();
        }
    }

    @Test
    void anEditedOldLogStopsTheUpgrade() throws Exception {
        String url = logBeforeV8();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TRIGGER audit_log_no_update");
            s.executeUpdate("UPDATE audit_log SET reason = 'nothing to see' WHERE seq = 2");
        }
        assertThatThrownBy(() -> StoreFactory.open(dir, null).close())
                .hasMessageContaining("migration 8.1 refuses to store the audit log's bytes: entry 2 differs");
    }

    @Test
    void aLogThatDisagreesWithItsLatestCheckpointStopsTheUpgrade() throws Exception {
        String url = logBeforeV8();
        checkpoint(url, 2, false);
        assertThatThrownBy(() -> StoreFactory.open(dir, null).close())
                .hasMessageContaining("do not give the root the checkpoint of size 2 signed");
    }

    /** Three entries (two of fraud) written by the schema as it was at 7.1, leaf hashes cached by migration 4.1. */
    private String logBeforeV8() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve(StoreConfig.SQLITE_FILE);
        EarlierSchema.migrate(url, new SqliteDialect(), "3");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_head SET seq = 3");
            s.executeUpdate("INSERT INTO audit_log (seq, at, actor, action, target, model, outcome, reason) VALUES "
                    + "(1, 1700000000123, 'alice', 'model.create', 'fraud', 'fraud', 'APPLIED', ''), "
                    + "(2, 1700000000456, 'bob', 'stage.transition', 'fraud/3', 'fraud', 'REFUSED', 'why'), "
                    + "(3, 1700000000789, 'bob', 'model.create', 'churn', 'churn', 'APPLIED', '')");
            s.executeUpdate("INSERT INTO audit_fields (seq, side, name, value) VALUES (2, 'after', 'refused', 'gate')");
        }
        SqliteDialect dialect = new SqliteDialect();
        EarlierSchema.migrate(url, dialect, "7.1");
        return url;
    }

    private static void checkpoint(String url, int size, boolean honest) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT hash FROM audit_leaves ORDER BY seq LIMIT " + size)) {
            RootAccumulator acc = new RootAccumulator();
            while (rs.next()) {
                acc.add(dev.regent.core.audit.merkle.Hash.of(rs.getBytes(1)));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO checkpoints (size, root, note, signed_at) VALUES (?, ?, 'n', 0)")) {
                p.setLong(1, size);
                p.setBytes(2, honest ? acc.root().bytes() : TreeHasher.EMPTY_ROOT.bytes());
                p.executeUpdate();
            }
        }
    }
}
