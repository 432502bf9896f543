package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.model.ModelName;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.VersionSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database written before V14 gets each model's live-version count from its rows (tombstones and deleted models
 * included), and the triggers keep it from then on. On SQLite, and on PostgreSQL when REGENT_TEST_POSTGRES_URL is set.
 */
class LiveVersionCountMigrationTest {

    @Test
    void sqliteCountsTheVersionsItAlreadyHas() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite()) {
            migrateAndCheck(db, new SqliteDialect());
        }
    }

    @Test
    void postgresCountsTheVersionsItAlreadyHas() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            migrateAndCheck(db, new PostgresDialect());
        }
    }

    private static void migrateAndCheck(TestDatabase db, Dialect dialect) throws Exception {
        EarlierSchema.migrate(db.jdbcUrl(), dialect, "9");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO models (name, name_key, description, created_by, created_at, updated_at, deleted_at) "
                    + "VALUES ('three', 'three', '', 'alice', 1, 1, NULL), ('none', 'none', '', 'alice', 1, 1, NULL), "
                    + "('gone', 'gone', '', 'alice', 1, 2, 2)");
            for (String[] v : new String[][] {{"three", "1", "NULL"}, {"three", "2", "5"}, {"three", "3", "NULL"},
                    {"three", "4", "6"}, {"gone", "1", "NULL"}}) {
                s.executeUpdate("INSERT INTO model_versions (model_id, number, source, description, stage, created_by, "
                        + "created_at, updated_at, deleted_at) SELECT id, " + v[1] + ", 's3://b/" + v[1] + "', '', 'None', "
                        + "'alice', 1, 1, " + v[2] + " FROM models WHERE name = '" + v[0] + "'");
            }
        }
        try (RegistryStore store = db.openStore()) {
            VersionSummary three = store.read(tx -> tx.versionSummary(ModelName.of("three")));
            VersionSummary none = store.read(tx -> tx.versionSummary(ModelName.of("none")));
            assertThat(three).isEqualTo(new VersionSummary(2, 3));
            assertThat(none).isEqualTo(VersionSummary.NONE);
        }
        assertThat(counts(db)).containsExactly(Map.entry("three", 2), Map.entry("none", 0), Map.entry("gone", 1));
    }

    private static Map<String, Integer> counts(TestDatabase db) throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, live_versions FROM models ORDER BY id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }
}
