package dev.regent.store;

import dev.regent.core.text.ReadableText;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Params;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
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
 * The model_versions table with its tags, metrics and params. Every read selects versions by one subquery
 * over a model's numbers and loads the child maps with that same subquery, so a page costs four queries
 * however many versions it holds.
 */
final class VersionRows {
    private static final String COLUMNS = "number, source, digest, run_id, dataset_version, code_version, description, "
            + "stage, created_by, created_at, updated_at";

    private static final String ONE_LIVE =
            "SELECT number FROM model_versions WHERE model_id = ? AND number = ? AND deleted_at IS NULL";
    private static final String ONE_ANY = "SELECT number FROM model_versions WHERE model_id = ? AND number = ?";
    private static final String PAGE = "SELECT number FROM model_versions WHERE model_id = ? AND deleted_at IS NULL "
            + "AND number > ? ORDER BY number LIMIT ?";
    // "number + 0": ordered by the bare column, PostgreSQL's generic plan walked the primary key in number order and
    // filtered on the digest (hoping for an early match; a new digest never matches), so each registration read
    // every version of its model — 90 ms at 800 versions. Sorting an expression makes it use the digest index and
    // sort the few matches.
    private static final String BY_DIGEST = "SELECT number FROM model_versions WHERE model_id = ? AND digest = ? "
            + "AND deleted_at IS NULL ORDER BY number + 0 LIMIT 1";
    private static final String BY_STAGE =
            "SELECT number FROM model_versions WHERE model_id = ? AND stage = ? AND deleted_at IS NULL";

    private static final String LATEST_PER_STAGE = "SELECT MAX(number) FROM model_versions WHERE model_id = ? "
            + "AND deleted_at IS NULL GROUP BY stage";

    private final Sql sql;

    VersionRows(Sql sql) {
        this.sql = sql;
    }

    Optional<ModelVersion> find(ModelName model, long modelId, VersionNumber number, boolean includeDeleted) {
        return load(model, modelId, includeDeleted ? ONE_ANY : ONE_LIVE, modelId, number.value()).stream().findFirst();
    }

    List<ModelVersion> page(ModelName model, long modelId, int afterNumber, int limit) {
        return load(model, modelId, PAGE, modelId, afterNumber, limit);
    }

    /** Live count and highest live number of a model's versions, in one query. */
    dev.regent.core.store.VersionSummary summary(long modelId) {
        // the count is kept by triggers (V14), so it costs one row whatever the size of the model; the highest live
        // number walks the primary key down from the top and stops at the first live version
        return sql.first("SELECT m.live_versions, COALESCE((SELECT v.number FROM model_versions v WHERE v.model_id = m.id "
                        + "AND v.deleted_at IS NULL ORDER BY v.number DESC LIMIT 1), 0) FROM models m WHERE m.id = ?",
                rs -> new dev.regent.core.store.VersionSummary(rs.getInt(1), rs.getInt(2)), modelId)
                .orElse(dev.regent.core.store.VersionSummary.NONE);
    }

    Optional<ModelVersion> byDigest(ModelName model, long modelId, Digest digest) {
        return load(model, modelId, BY_DIGEST, modelId, digest.value()).stream().findFirst();
    }

    List<ModelVersion> byStage(ModelName model, long modelId, Stage stage) {
        return load(model, modelId, BY_STAGE, modelId, stage.label());
    }

    List<ModelVersion> latestPerStage(ModelName model, long modelId) {
        List<ModelVersion> latest = new java.util.ArrayList<>(load(model, modelId, LATEST_PER_STAGE, modelId));
        latest.sort(java.util.Comparator.comparing(ModelVersion::stage));
        return latest;
    }

    void insert(long modelId, ModelVersion v) {
        String conflict = "version " + v.number() + " of model '" + v.model() + "' already exists"
                + (v.stage().exclusive() ? ", or another version of it already holds " + v.stage().label() : "");
        Lineage lineage = v.lineage();
        sql.guardedUpdate(() -> conflict,
                "INSERT INTO model_versions (model_id, number, source, digest, run_id, dataset_version, code_version, "
                        + "description, stage, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                modelId, v.number().value(), v.source().value(), v.digest() == null ? null : v.digest().value(),
                lineage.runId(), lineage.datasetVersion(), lineage.codeVersion(), v.description().text(),
                v.stage().label(), v.createdBy().name(), v.createdAt().toEpochMilli(), v.updatedAt().toEpochMilli());
        insertTags(modelId, v.number(), v.tags());
        List<Object[]> metrics = new ArrayList<>();
        v.metrics().values().forEach((k, value) ->
                metrics.add(new Object[] {modelId, v.number().value(), k, Double.toString(value)}));
        sql.batch("INSERT INTO version_metrics (model_id, version, name, value) VALUES (?, ?, ?, ?)", metrics);
        List<Object[]> params = new ArrayList<>();
        v.params().values().forEach((k, value) -> params.add(new Object[] {modelId, v.number().value(), k, value}));
        sql.batch("INSERT INTO version_params (model_id, version, name, value) VALUES (?, ?, ?, ?)", params);
    }

    void updateAnnotations(ModelName model, long modelId, VersionNumber number, Description description, Tags tags,
                           Instant at) {
        int changed = sql.update("UPDATE model_versions SET description = ?, updated_at = ? "
                        + "WHERE model_id = ? AND number = ? AND deleted_at IS NULL",
                description.text(), at.toEpochMilli(), modelId, number.value());
        if (changed == 0) {
            throw notFound(model, number);
        }
        sql.update("DELETE FROM version_tags WHERE model_id = ? AND version = ?", modelId, number.value());
        insertTags(modelId, number, tags);
    }

    void setStage(ModelName model, long modelId, VersionNumber number, Stage stage, Instant at) {
        int changed = sql.guardedUpdate(() -> "model '" + model + "' already has a version in " + stage.label()
                        + ": only one version may hold " + stage.label() + "; move that version out first",
                "UPDATE model_versions SET stage = ?, updated_at = ? WHERE model_id = ? AND number = ? AND deleted_at IS NULL",
                stage.label(), at.toEpochMilli(), modelId, number.value());
        if (changed == 0) {
            throw notFound(model, number);
        }
    }

    void delete(ModelName model, long modelId, VersionNumber number, Instant at) {
        int changed = sql.update("UPDATE model_versions SET deleted_at = ?, updated_at = ? "
                        + "WHERE model_id = ? AND number = ? AND deleted_at IS NULL",
                at.toEpochMilli(), at.toEpochMilli(), modelId, number.value());
        if (changed == 0) {
            throw notFound(model, number);
        }
        sql.update("DELETE FROM aliases WHERE model_id = ? AND version = ?", modelId, number.value());
    }

    /** Whether the model has a live version of that number. */
    boolean isLive(long modelId, VersionNumber number) {
        return sql.first(ONE_LIVE, rs -> rs.getInt(1), modelId, number.value()).isPresent();
    }

    static RegentException notFound(ModelName model, VersionNumber number) {
        return RegentException.notFound("version " + number + " of model '" + model + "' does not exist");
    }

    private void insertTags(long modelId, VersionNumber number, Tags tags) {
        List<Object[]> rows = new ArrayList<>();
        tags.values().forEach((k, v) -> rows.add(new Object[] {modelId, number.value(), k, v}));
        sql.batch("INSERT INTO version_tags (model_id, version, key, value) VALUES (?, ?, ?, ?)", rows);
    }

    /** The versions whose numbers {@code numbers} selects (its first argument is the model id), with their maps. */
    private List<ModelVersion> load(ModelName model, long modelId, String numbers, Object... args) {
        Object[] withModel = prepend(modelId, args);
        List<Row> rows = sql.list("SELECT " + COLUMNS + " FROM model_versions WHERE model_id = ? AND number IN ("
                + numbers + ") ORDER BY number", VersionRows::row, withModel);
        if (rows.isEmpty()) {
            return List.of();
        }
        // the versions' tags, metrics and params in one statement (one round trip on PostgreSQL instead of three)
        Map<Integer, TreeMap<String, String>> tags = new HashMap<>();
        Map<Integer, TreeMap<String, Double>> metrics = new HashMap<>();
        Map<Integer, TreeMap<String, String>> params = new HashMap<>();
        Object[] thrice = new Object[withModel.length * 3];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(withModel, 0, thrice, i * withModel.length, withModel.length);
        }
        sql.list("SELECT 't', version, key, value FROM version_tags WHERE model_id = ? AND version IN (" + numbers + ") "
                        + "UNION ALL SELECT 'm', version, name, value FROM version_metrics WHERE model_id = ? AND version IN ("
                        + numbers + ") UNION ALL SELECT 'p', version, name, value FROM version_params WHERE model_id = ? "
                        + "AND version IN (" + numbers + ")",
                rs -> {
                    int version = rs.getInt(2);
                    String name = rs.getString(3);
                    String value = rs.getString(4);
                    switch (rs.getString(1)) {
                        case "t" -> tags.computeIfAbsent(version, k -> new TreeMap<>()).put(name, value);
                        case "m" -> metrics.computeIfAbsent(version, k -> new TreeMap<>()).put(name, Double.parseDouble(value));
                        default -> params.computeIfAbsent(version, k -> new TreeMap<>()).put(name, value);
                    }
                    return null;
                },
                thrice);
        List<ModelVersion> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(ReadableText.asStored(() -> r.toVersion(model, new Tags(tags.getOrDefault(r.number, new TreeMap<>())),
                    new Metrics(metrics.getOrDefault(r.number, new TreeMap<>())),
                    new Params(params.getOrDefault(r.number, new TreeMap<>())))));
        }
        return out;
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getLong(11));
    }

    /** One model_versions row before its maps are attached. */
    record Row(int number, String source, String digest, String runId, String datasetVersion, String codeVersion,
                       String description, String stage, String createdBy, long createdAt, long updatedAt) {
        ModelVersion toVersion(ModelName model, Tags tags, Metrics metrics, Params params) {
            return ReadableText.asStored(() -> new ModelVersion(model, VersionNumber.of(number), SourceUri.of(source),
                    digest == null ? null : Digest.parse(digest), new Lineage(runId, datasetVersion, codeVersion),
                    metrics, params, Description.of(description), tags, Stage.parse(stage), Principal.of(createdBy),
                    Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(updatedAt)));
        }
    }
}
