package dev.regent.store;

import dev.regent.core.text.ReadableText;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.StoreConflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The models table and its tags: one live row per name key (so per name), tombstones kept. Lookups, locks and
 * updates use the exact stored name; only uniqueness goes by the key ({@link ModelName#key()}).
 */
final class ModelRows {
    private static final String COLUMNS = "id, name, description, created_by, created_at, updated_at";

    private final Sql sql;
    /**
     * Live models' ids as this transaction found them, so that one transaction asks for a name once (a registration
     * resolved its model five times). Kept only while nothing can change them before the transaction ends: always in
     * a read-only snapshot or on SQLite (one writer at a time), and on PostgreSQL once the row is locked (lock); this
     * transaction's own renames and deletions forget them.
     */
    private final Map<ModelName, Long> liveIds = new HashMap<>();
    private final boolean stable;

    /** @param stable a row read in this transaction stays as read until it ends (a snapshot, or the only writer) */
    ModelRows(Sql sql, boolean stable) {
        this.sql = sql;
        this.stable = stable;
    }

    /** The id of the live model of that name. */
    Optional<Long> liveId(ModelName name) {
        Long known = liveIds.get(name);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Long> id = sql.first("SELECT id FROM models WHERE name = ? AND deleted_at IS NULL", rs -> rs.getLong(1),
                name.value());
        if (stable) {
            id.ifPresent(i -> liveIds.put(name, i));
        }
        return id;
    }

    /** The id of the live model of that name, or NOT_FOUND. */
    long requireLiveId(ModelName name) {
        return liveId(name).orElseThrow(() -> notFound(name));
    }

    Optional<Model> find(ModelName name) {
        Optional<Row> row = sql.first("SELECT " + COLUMNS + " FROM models WHERE name = ? AND deleted_at IS NULL",
                ModelRows::row, name.value());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (stable) {
            liveIds.put(name, row.get().id());
        }
        Map<Long, TreeMap<String, String>> tags = tags("SELECT model_id, key, value FROM model_tags WHERE model_id = ?",
                row.get().id());
        return Optional.of(row.get().toModel(tags));
    }

    /** The live model whose name has the same key as {@code name} (the model of that exact name included). */
    Optional<Model> findByKey(ModelName name) {
        Optional<String> holder = sql.first("SELECT name FROM models WHERE name_key = ? AND deleted_at IS NULL",
                rs -> rs.getString(1), name.key());
        return holder.flatMap(n -> find(ModelName.of(n)));
    }

    List<Model> list(ModelName afterName, int limit) {
        // Names are never empty, so '' starts the first page; tags load in one query over the same page.
        String after = afterName == null ? "" : afterName.value();
        String page = "SELECT id FROM models WHERE deleted_at IS NULL AND name > ? ORDER BY name LIMIT ?";
        List<Row> rows = sql.list("SELECT " + COLUMNS + " FROM models WHERE deleted_at IS NULL AND name > ? ORDER BY name LIMIT ?",
                ModelRows::row, after, limit);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, TreeMap<String, String>> tags = tags(
                "SELECT model_id, key, value FROM model_tags WHERE model_id IN (" + page + ")", after, limit);
        List<Model> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.toModel(tags)));
        return out;
    }

    void insert(Model model) {
        sql.guardedUpdate(() -> taken(model.name()),
                "INSERT INTO models (name, name_key, description, created_by, created_at, updated_at, next_version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 1)",
                model.name().value(), model.name().key(), model.description().text(), model.createdBy().name(),
                model.createdAt().toEpochMilli(), model.updatedAt().toEpochMilli());
        insertTags(requireLiveId(model.name()), model.tags());
    }

    void update(Model model) {
        long id = requireLiveId(model.name());
        sql.update("UPDATE models SET description = ?, updated_at = ? WHERE id = ?",
                model.description().text(), model.updatedAt().toEpochMilli(), id);
        sql.update("DELETE FROM model_tags WHERE model_id = ?", id);
        insertTags(id, model.tags());
    }

    /**
     * Renames the live row and moves per-model grants (which name models by name) with it. A principal holding the
     * same role on both names keeps one grant: the primary key (principal, role, model) allows no duplicate.
     */
    void rename(ModelName from, ModelName to, Instant at) {
        long id = requireLiveId(from);
        liveIds.remove(from);
        liveIds.remove(to);
        sql.guardedUpdate(() -> taken(to), "UPDATE models SET name = ?, name_key = ?, updated_at = ? WHERE id = ?",
                to.value(), to.key(), at.toEpochMilli(), id);
        sql.update("UPDATE grants SET model = ? WHERE model = ? AND NOT EXISTS (SELECT 1 FROM grants g "
                + "WHERE g.principal = grants.principal AND g.role = grants.role AND g.model = ?)",
                to.value(), from.value(), to.value());
        sql.update("DELETE FROM grants WHERE model = ?", from.value());
        // as MLflow: a rename moves the last-updated time of every live version of the model too
        sql.update("UPDATE model_versions SET updated_at = ? WHERE model_id = ? AND deleted_at IS NULL", at.toEpochMilli(), id);
    }

    void touch(ModelName name, Instant at) {
        sql.update("UPDATE models SET updated_at = ? WHERE name = ? AND deleted_at IS NULL", at.toEpochMilli(), name.value());
    }

    void delete(ModelName name, Instant at) {
        liveIds.remove(name);
        int changed = sql.update("UPDATE models SET deleted_at = ?, updated_at = ? WHERE name = ? AND deleted_at IS NULL",
                at.toEpochMilli(), at.toEpochMilli(), name.value());
        if (changed == 0) {
            throw notFound(name);
        }
    }

    boolean lock(ModelName name) {
        Optional<Long> id = sql.first(sql.dialect().lockModelSql(), rs -> rs.getLong(1), name.value());
        // locked: no other transaction can rename or delete it before this one ends
        id.ifPresent(i -> liveIds.put(name, i));
        return id.isPresent();
    }

    VersionNumber nextVersionNumber(ModelName name) {
        // The UPDATE takes the row's write lock first, so the value read back is this transaction's alone.
        long id = requireLiveId(name);
        // one statement, not an UPDATE and a SELECT: RETURNING (PostgreSQL, SQLite 3.35+)
        int number = sql.first("UPDATE models SET next_version = next_version + 1 WHERE id = ? RETURNING next_version - 1",
                        rs -> rs.getInt(1), id)
                .orElseThrow(() -> new StoreConflict("model '" + name + "' disappeared while numbering its version"));
        return VersionNumber.of(number);
    }

    private void insertTags(long id, Tags tags) {
        List<Object[]> rows = new ArrayList<>();
        tags.values().forEach((k, v) -> rows.add(new Object[] {id, k, v}));
        sql.batch("INSERT INTO model_tags (model_id, key, value) VALUES (?, ?, ?)", rows);
    }

    private Map<Long, TreeMap<String, String>> tags(String query, Object... args) {
        Map<Long, TreeMap<String, String>> out = new HashMap<>();
        sql.list(query, rs -> {
            out.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            return null;
        }, args);
        return out;
    }

    private static String taken(ModelName name) {
        return "a model named '" + name + "' (or a name differing from it only in case or width) already exists; "
                + "choose another name or delete that model first";
    }

    static RegentException notFound(ModelName name) {
        return RegentException.notFound("model '" + name + "' does not exist");
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6));
    }

    /** One models row before its tags are attached. */
    record Row(long id, String name, String description, String createdBy, long createdAt, long updatedAt) {
        Model toModel(Map<Long, TreeMap<String, String>> tags) {
            return ReadableText.asStored(() -> new Model(ModelName.of(name), Description.of(description),
                    new Tags(tags.getOrDefault(id, new TreeMap<>())), Principal.of(createdBy), Instant.ofEpochMilli(createdAt),
                    Instant.ofEpochMilli(updatedAt)));
        }
    }
}
