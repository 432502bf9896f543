package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.audit.tree.CachedLeaf;
import dev.regent.core.store.RegistryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written before V4 gets the leaf hashes of its old entries when the store opens it. */
class AuditLeafBackfillTest {

    @Test
    void entriesWrittenBeforeV4GetTheirLeafHashes(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve(StoreConfig.SQLITE_FILE);
        EarlierSchema.migrate(url, new SqliteDialect(), "3");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE audit_head SET seq = 2");
            s.executeUpdate("INSERT INTO audit_log (seq, at, actor, action, target, model, outcome, reason) VALUES "
                    + "(1, 1700000000123, 'alice', 'model.create', 'fraud', 'fraud', 'APPLIED', ''), "
                    + "(2, 1700000000456, 'bob', 'stage.transition', 'fraud/3', 'fraud', 'REFUSED', 'why')");
            s.executeUpdate("INSERT INTO audit_fields (seq, side, name, value) VALUES (2, 'after', 'refused', 'gate')");
        }
        assertThat(Files.exists(dir.resolve(StoreConfig.SQLITE_FILE))).isTrue();
        try (RegistryStore store = StoreFactory.open(dir, null)) {
            List<AuditEntry> entries = store.read(tx -> tx.auditEntries(AuditQuery.all(10)));
            List<CachedLeaf> leaves = store.read(tx -> tx.auditLeaves(0, 10));
            assertThat(leaves).containsExactly(
                    new CachedLeaf(1, TreeHasher.leaf(AuditEncoding.encodeVersion1(entries.get(0)))),
                    new CachedLeaf(2, TreeHasher.leaf(AuditEncoding.encodeVersion1(entries.get(1)))));
        }
    }
}
