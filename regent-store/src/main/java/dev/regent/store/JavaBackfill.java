package dev.regent.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A versioned migration step that SQL cannot express (it needs the application's own encoding or folding), run
 * once by Flyway right after the SQL migration that made room for it, in that migration's transaction rules. A
 * subclass says only what it fills in; the version, description and "no checksum" plumbing is here.
 */
abstract class JavaBackfill implements JavaMigration {
    private final Dialect dialect;
    private final MigrationVersion version;
    private final String description;

    JavaBackfill(Dialect dialect, String version, String description) {
        this.dialect = dialect;
        this.version = MigrationVersion.fromVersion(version);
        this.description = description;
    }

    /** Fills in what the step adds, through the migration's connection. */
    abstract void backfill(Sql sql);

    @Override
    public final MigrationVersion getVersion() {
        return version;
    }

    @Override
    public final String getDescription() {
        return description;
    }

    @Override
    public final Integer getChecksum() {
        return null;
    }

    @Override
    public final boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public final void migrate(Context context) {
        backfill(new Sql(context.getConnection(), dialect));
    }
}
