package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.store.RegistryStore;
import dev.regent.store.backup.PreUpgradeSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrading an embedded database keeps a private copy of it as it was, to go back to; a current one is not copied. */
class UpgradeSnapshotTest {
    @TempDir
    Path dir;

    @Test
    void anUpgradeCopiesTheDatabaseFirstAndACurrentOneIsLeftAlone() throws Exception {
        Path db = dir.resolve("regent.db");
        SqliteDialect dialect = new SqliteDialect();
        EarlierSchema.migrate("jdbc:sqlite:" + db, dialect, "6");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO models (name, description, created_by, created_at, updated_at, deleted_at) "
                    + "VALUES ('fraud-detector', 'cards', 'alice', 1, 2, NULL)");
        }

        try (RegistryStore store = StoreFactory.open(dir, null)) {
            assertThat(store.describe()).contains("SQLite");
        }
        Path copy = dir.resolve(PreUpgradeSnapshot.FOLDER).resolve("regent.db.before-schema-6-to-" + SchemaHistory.newest());
        assertThat(copy).exists();
        assertThat(Files.getPosixFilePermissions(copy)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(installed_rank), (SELECT name FROM models) FROM flyway_schema_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).as("the copy is the database before the upgrade, data included").isEqualTo("fraud-detector");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("6");
        }

        try (RegistryStore again = StoreFactory.open(dir, null)) {
            assertThat(again.describe()).contains("SQLite");
        }
        try (var files = Files.list(dir.resolve(PreUpgradeSnapshot.FOLDER))) {
            assertThat(files.count()).as("a current database is opened without another copy").isEqualTo(1);
        }
    }
}
