package dev.regent.store;

import dev.regent.core.model.NameKey;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 7.1: gives every model row written before V7 its name's key, live rows and tombstones alike. SQL cannot
 * compute the key, so this step is Java; it runs once, right after V7. Names stored before V7 were lowercase
 * ASCII, whose key is the name itself, so no two live rows can collide here; the unique index would refuse it if
 * they did, and the migration would fail rather than lose a model.
 */
final class ModelNameKeyBackfill implements JavaMigration {
    private final Dialect dialect;

    ModelNameKeyBackfill(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7.1");
    }

    @Override
    public String getDescription() {
        return "model name key backfill";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Sql sql = new Sql(context.getConnection(), dialect);
        List<Object[]> rows = new ArrayList<>();
        sql.list("SELECT id, name FROM models WHERE name_key IS NULL", rs -> {
            rows.add(new Object[] {NameKey.of(rs.getString(2)), rs.getLong(1)});
            return null;
        });
        sql.batch("UPDATE models SET name_key = ? WHERE id = ?", rows);
    }
}
