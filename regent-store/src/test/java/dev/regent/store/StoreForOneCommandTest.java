package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.store.RegistryStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a local-mode command's store opens a SQLite connection per transaction instead of two pools. It must be
 * the same store: it migrates a new database, its changes are durable and seen by a pooled store, and its readers
 * cannot write.
 */
class StoreForOneCommandTest {
    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aStoreForOneCommandWritesWhatAPooledStoreReadsAndTheReverse() {
        try (RegistryStore once = StoreFactory.openForOneCommand(StoreConfig.of(dir, null))) { // migrates the new file
            once.inTransaction(tx -> {
                tx.insertModel(model("from-a-command"));
                return null;
            });
            assertThat(has(once, "from-a-command")).isTrue();
        }
        try (RegistryStore pooled = StoreFactory.open(dir, null)) {
            assertThat(has(pooled, "from-a-command")).isTrue();
            pooled.inTransaction(tx -> {
                tx.insertModel(model("from-a-server"));
                return null;
            });
        }
        try (RegistryStore once = StoreFactory.openForOneCommand(StoreConfig.of(dir, null))) {
            assertThat(has(once, "from-a-server")).isTrue();
        }
    }

    @Test
    void readerConnectionsCannotWriteAndClosingOneClosesIt() throws SQLException {
        StoreFactory.openForOneCommand(StoreConfig.of(dir, null)).close();
        Path file = dir.resolve("regent.db");
        SqliteConnectionPerTransaction readers = new SqliteConnectionPerTransaction(StoreFactory.sqliteSource(file),
                StoreFactory.READERS_INIT_SQL);
        Connection connection = readers.getConnection();
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("CREATE TABLE sneaky (x INTEGER)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("readonly");
        }
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        try (Connection writer = new SqliteConnectionPerTransaction(StoreFactory.sqliteSource(file), null).getConnection();
             Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA journal_mode");
            assertThat(statement.getResultSet().getString(1)).isEqualTo("wal");
        }
    }

    private static boolean has(RegistryStore store, String name) {
        return store.read(tx -> tx.findModel(ModelName.of(name))).isPresent();
    }

    private static Model model(String name) {
        return new Model(ModelName.of(name), Description.of(""), Tags.EMPTY, Principal.of("alice"), T0, T0);
    }
}
