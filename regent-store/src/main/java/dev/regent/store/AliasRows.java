package dev.regent.store;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/** The aliases table: one row per (model, alias), pointing at a version by number. */
final class AliasRows {
    private final Sql sql;

    AliasRows(Sql sql) {
        this.sql = sql;
    }

    SortedMap<AliasName, VersionNumber> of(long modelId) {
        SortedMap<AliasName, VersionNumber> out = new TreeMap<>();
        sql.list("SELECT alias, version FROM aliases WHERE model_id = ?",
                rs -> out.put(AliasName.of(rs.getString(1)), VersionNumber.of(rs.getInt(2))), modelId);
        return out;
    }

    /** Creates or moves the alias; the caller has checked that the version is live. */
    void set(long modelId, AliasName alias, VersionNumber version, Instant at) {
        sql.guardedUpdate(() -> "alias '" + alias + "' cannot point at version " + version + ": that version does not exist",
                "INSERT INTO aliases (model_id, alias, version, set_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (model_id, alias) DO UPDATE SET version = excluded.version, set_at = excluded.set_at",
                modelId, alias.value(), version.value(), at.toEpochMilli());
    }

    boolean delete(long modelId, AliasName alias) {
        return sql.update("DELETE FROM aliases WHERE model_id = ? AND alias = ?", modelId, alias.value()) > 0;
    }
}
