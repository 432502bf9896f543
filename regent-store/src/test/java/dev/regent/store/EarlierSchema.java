package dev.regent.store;

import org.flywaydb.core.Flyway;

/**
 * Brings a scratch database to the schema of an earlier Regent, so a migration test can write rows as that version
 * did and then open the store, which runs the rest as a server would. The Java migrations up to 8.1 are included
 * (Flyway runs only those at or below the target); targets must stop before 9.1, whose secret sealing needs a key.
 */
final class EarlierSchema {
    private EarlierSchema() {
    }

    static void migrate(String jdbcUrl, Dialect dialect, String target) {
        Flyway.configure().dataSource(jdbcUrl, null, null).loggers("slf4j").locations(dialect.migrationLocation())
                .javaMigrations(new AuditLeafBackfill(dialect), new ModelNameKeyBackfill(dialect), new AuditEntryBackfill(dialect))
                .target(target).load().migrate();
    }
}
