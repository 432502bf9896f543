package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreConflict;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database written before V7 keeps every model, live or deleted, and each gets its name's key; afterwards the key
 * is unique among live models. On SQLite, and on PostgreSQL when REGENT_TEST_POSTGRES_URL is set.
 */
class ModelNameKeyMigrationTest {

    @Test
    void sqliteKeepsItsModelsAndKeysThem() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite()) {
            migrateAndCheck(db, new SqliteDialect());
        }
    }

    @Test
    void postgresKeepsItsModelsAndKeysThem() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            migrateAndCheck(db, new PostgresDialect());
        }
    }

    private static void migrateAndCheck(TestDatabase db, Dialect dialect) throws Exception {
        EarlierSchema.migrate(db.jdbcUrl(), dialect, "6");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO models (name, description, created_by, created_at, updated_at, deleted_at) VALUES "
                    + "('fraud-detector', 'cards', 'alice', 1, 2, NULL), "
                    + "('churn', 'old one', 'alice', 1, 3, 3), "
                    + "('churn', 'new one', 'bob', 4, 4, NULL)");
            s.executeUpdate("INSERT INTO model_tags (model_id, key, value) SELECT id, 'team', 'risk' FROM models "
                    + "WHERE name = 'fraud-detector'");
            s.executeUpdate("INSERT INTO model_versions (model_id, number, source, description, stage, created_by, "
                    + "created_at, updated_at) SELECT id, 1, 's3://b/1', '', 'Production', 'alice', 1, 1 FROM models "
                    + "WHERE name = 'fraud-detector'");
        }

        try (RegistryStore store = db.openStore()) {
            ModelName fraud = ModelName.of("fraud-detector");
            Model model = store.read(tx -> tx.findModel(fraud)).orElseThrow();
            assertThat(model.description().text()).isEqualTo("cards");
            assertThat(model.tags().values()).containsEntry("team", "risk");
            assertThat(store.read(tx -> tx.findVersion(fraud, VersionNumber.of(1))).orElseThrow().source().value())
                    .isEqualTo("s3://b/1");
            assertThat(store.read(tx -> tx.findModel(ModelName.of("churn"))).orElseThrow().description().text())
                    .isEqualTo("new one");
            assertThat(keys(db)).containsExactly(Map.entry("fraud-detector", "fraud-detector"),
                    Map.entry("churn ", "churn"), Map.entry("churn", "churn"));
            // the migrated key holds: a look-alike of a migrated model is refused by the database itself
            Instant now = Instant.now();
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.insertModel(new Model(ModelName.of("Fraud-Detector"), Description.EMPTY, Tags.EMPTY,
                        Principal.of("alice"), now, now));
                return null;
            })).isInstanceOf(StoreConflict.class);
        }
        // a row written without its key is refused, so no model can slip past the unique index with a NULL key
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO models (name, description, created_by, created_at, "
                    + "updated_at) VALUES ('keyless', '', 'alice', 1, 1)")).hasMessageContaining("name_key");
        }
    }

    /** name (with a trailing space for a tombstone) → key, in id order. */
    private static Map<String, String> keys(TestDatabase db) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, deleted_at, name_key FROM models ORDER BY id")) {
            while (rs.next()) {
                out.put(rs.getString(1) + (rs.getObject(2) == null ? "" : " "), rs.getString(3));
            }
        }
        return out;
    }
}
