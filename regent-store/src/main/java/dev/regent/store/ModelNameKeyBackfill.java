package dev.regent.store;

import dev.regent.core.model.NameKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 7.1: gives every model row written before V7 its name's key, live rows and tombstones alike. SQL cannot
 * compute the key, so this step is Java; it runs once, right after V7. Names stored before V7 were lowercase
 * ASCII, whose key is the name itself, so no two live rows can collide here; the unique index would refuse it if
 * they did, and the migration would fail rather than lose a model.
 */
final class ModelNameKeyBackfill extends JavaBackfill {
    ModelNameKeyBackfill(Dialect dialect) {
        super(dialect, "7.1", "model name key backfill");
    }

    @Override
    void backfill(Sql sql) {
        List<Object[]> rows = new ArrayList<>();
        sql.list("SELECT id, name FROM models WHERE name_key IS NULL", rs -> {
            rows.add(new Object[] {NameKey.of(rs.getString(2)), rs.getLong(1)});
            return null;
        });
        sql.batch("UPDATE models SET name_key = ? WHERE id = ?", rows);
    }
}
