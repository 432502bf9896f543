package dev.regent.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.store.RegistryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/** The start-up shortcut past Flyway knows every migration of this build, and only takes an exactly current schema. */
class SchemaHistoryTest {
    @Test
    void theListedVersionsAreTheMigrationsOfThisBuild() throws IOException {
        for (String dialect : List.of("sqlite", "postgresql")) {
            List<MigrationVersion> versions = new ArrayList<>();
            try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration", dialect))) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V[0-9.]+__.*\\.sql"))
                        .forEach(n -> versions.add(MigrationVersion.fromVersion(n.substring(1, n.indexOf("__")))));
            }
            versions.add(new AuditLeafBackfill(new SqliteDialect()).getVersion());
            versions.add(new ModelNameKeyBackfill(new SqliteDialect()).getVersion());
            versions.add(new AuditEntryBackfill(new SqliteDialect()).getVersion());
            versions.add(new WebhookSecretSealing(new SqliteDialect(), null).getVersion());
            versions.sort(Comparator.naturalOrder());
            assertThat(versions.stream().map(MigrationVersion::getVersion).toList()).as(dialect)
                    .isEqualTo(SchemaHistory.VERSIONS);
        }
    }

    @Test
    void aNewDatabaseIsMigratedAndAReopenedOneIsCurrent() throws Exception {
        try (TestDatabase db = TestDatabase.sqlite()) {
            try (RegistryStore first = db.openStore()) {
                assertThat(first.describe()).startsWith("SQLite");
            }
            org.sqlite.SQLiteDataSource source = new org.sqlite.SQLiteDataSource();
            source.setUrl(db.jdbcUrl());
            assertThat(SchemaHistory.current(source)).isTrue();
            // a history that lacks a migration is not current: Flyway decides
            try (var c = db.connect(); var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM flyway_schema_history WHERE version = '5'");
            }
            assertThat(SchemaHistory.current(source)).isFalse();
        }
        org.sqlite.SQLiteDataSource empty = new org.sqlite.SQLiteDataSource();
        empty.setUrl("jdbc:sqlite:" + Files.createTempDirectory("regent-empty").resolve("x.db"));
        assertThat(SchemaHistory.current(empty)).isFalse();
    }
}
