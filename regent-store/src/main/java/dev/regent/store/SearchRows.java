package dev.regent.store;

import dev.regent.core.text.ReadableText;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Params;
import dev.regent.core.model.Tags;
import dev.regent.core.search.Field;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.search.Sort;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Searches as SQL: every predicate becomes a parameterised condition (values are only ever bound, never written into
 * the statement), tag predicates an EXISTS over the tag table, the order an ORDER BY ending with the tie-breaks, the
 * window LIMIT and OFFSET. A version page loads its tags, metrics and params by joining the same page query, so it
 * costs four queries however many versions it holds.
 */
final class SearchRows {
    private static final String VERSION_COLUMNS = "v.number, v.source, v.digest, v.run_id, v.dataset_version, v.code_version, "
            + "v.description, v.stage, v.created_by, v.created_at, v.updated_at, m.name, v.model_id";

    /** The most versions a tag value may mark for a search to start from the tag index. */
    static final int SELECTIVE_TAG_ROWS = 1000;

    private final Sql sql;

    SearchRows(Sql sql) {
        this.sql = sql;
    }

    List<Model> models(SearchQuery query, Set<ModelName> within, int offset, int limit) {
        Where where = new Where(false);
        where.scope(within);
        query.predicates().forEach(where::add);
        List<Object> args = new ArrayList<>(where.args);
        args.add(limit);
        args.add(offset);
        List<ModelRows.Row> rows = sql.list("SELECT m.id, m.name, m.description, m.created_by, m.created_at, m.updated_at "
                + "FROM models m WHERE " + where.sql() + " ORDER BY " + orderBy(query.orderWithTieBreaks(false), false)
                + " LIMIT ? OFFSET ?", ModelRows::row, args.toArray());
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> ids = rows.stream().map(r -> (Object) r.id()).toList();
        Map<Long, TreeMap<String, String>> tags = new HashMap<>();
        sql.list("SELECT model_id, key, value FROM model_tags WHERE model_id IN (" + marks(ids.size()) + ")", rs -> {
            tags.computeIfAbsent(rs.getLong(1), k -> new TreeMap<>()).put(rs.getString(2), rs.getString(3));
            return null;
        }, ids.toArray());
        return rows.stream().map(r -> r.toModel(tags)).toList();
    }

    List<ModelVersion> versions(SearchQuery query, Set<ModelName> within, int offset, int limit) {
        Where where = new Where(true);
        where.scope(within);
        query.predicates().forEach(where::add);
        // an unfiltered listing ordered by a timestamp walks that timestamp's index (and stops after the page)
        String hint = query.predicates().isEmpty() && within == null && !query.order().isEmpty()
                ? sql.dialect().versionTimeOrderHint(query.order().get(0).key()) : "";
        String from = " FROM model_versions v" + hint + " JOIN models m ON m.id = v.model_id WHERE " + where.sql()
                + " ORDER BY " + orderBy(query.orderWithTieBreaks(true), true) + " LIMIT ? OFFSET ?";
        List<Object> argList = new ArrayList<>(where.args);
        argList.add(limit);
        argList.add(offset);
        Object[] args = argList.toArray();
        List<Found> rows = sql.list("SELECT " + VERSION_COLUMNS + from,
                rs -> new Found(VersionRows.row(rs), rs.getString(12), rs.getLong(13)), args);
        if (rows.isEmpty()) {
            return List.of();
        }
        // the page's children by its own keys: running the page query again for each child table would pay its
        // cost (a scan and sort, for some searches) four times
        List<Key> keys = rows.stream().map(f -> new Key(f.modelId, f.row.number())).toList();
        Map<Key, TreeMap<String, String>> tags = children("version_tags", "key", keys);
        Map<Key, TreeMap<String, String>> metrics = children("version_metrics", "name", keys);
        Map<Key, TreeMap<String, String>> params = children("version_params", "name", keys);
        List<ModelVersion> out = new ArrayList<>(rows.size());
        for (Found f : rows) {
            Key key = new Key(f.modelId, f.row.number());
            TreeMap<String, Double> numbers = new TreeMap<>();
            metrics.getOrDefault(key, new TreeMap<>()).forEach((k, v) -> numbers.put(k, Double.parseDouble(v)));
            out.add(ReadableText.asStored(() -> f.row.toVersion(ModelName.of(f.model),
                    new Tags(tags.getOrDefault(key, new TreeMap<>())), new Metrics(numbers),
                    new Params(params.getOrDefault(key, new TreeMap<>())))));
        }
        return out;
    }

    /** How many versions one child query names (two bound values each, well under every database's limit). */
    static final int CHILD_BATCH = 500;

    /** The rows of a child table (tags, metrics or params) of the given versions, in batches of keys. */
    private Map<Key, TreeMap<String, String>> children(String table, String keyColumn, List<Key> keys) {
        Map<Key, TreeMap<String, String>> out = new HashMap<>();
        for (int from = 0; from < keys.size(); from += CHILD_BATCH) {
            List<Key> batch = keys.subList(from, Math.min(keys.size(), from + CHILD_BATCH));
            Object[] args = new Object[batch.size() * 2];
            for (int i = 0; i < batch.size(); i++) {
                args[2 * i] = batch.get(i).modelId();
                args[2 * i + 1] = batch.get(i).number();
            }
            // the keys as a table of constant rows joined on the child's primary key (a row-value IN list would be
            // planned by SQLite as a scan of the whole child table)
            sql.list("WITH k(mid, num) AS (VALUES " + String.join(", ", Collections.nCopies(batch.size(), "(?, ?)"))
                    + ") SELECT c.model_id, c.version, c." + keyColumn + ", c.value FROM k JOIN " + table
                    + " c ON c.model_id = k.mid AND c.version = k.num", rs -> {
                        out.computeIfAbsent(new Key(rs.getLong(1), rs.getInt(2)), k -> new TreeMap<>())
                                .put(rs.getString(3), rs.getString(4));
                        return null;
                    }, args);
        }
        return out;
    }

    private static String orderBy(List<Sort> order, boolean versions) {
        String table = versions ? "v" : "m";
        return order.stream().map(s -> switch (s.key()) {
            case NAME -> "m.name";
            case VERSION_NUMBER -> "v.number";
            case CREATED_AT -> table + ".created_at";
            case UPDATED_AT -> table + ".updated_at";
        } + (s.ascending() ? " ASC" : " DESC")).collect(Collectors.joining(", "));
    }

    /**
     * Whether at most {@link #SELECTIVE_TAG_ROWS} versions carry the tag value (one capped index range): then the
     * search starts from the tag; otherwise it walks versions in the query's order and probes each one's tags.
     */
    private boolean selective(String key, String value) {
        return sql.first("SELECT COUNT(*) FROM (SELECT 1 FROM version_tags WHERE key = ? AND value = ? LIMIT ?) x",
                rs -> rs.getInt(1), key, value, SELECTIVE_TAG_ROWS + 1).orElse(0) <= SELECTIVE_TAG_ROWS;
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private record Key(long modelId, int number) {
    }

    private record Found(VersionRows.Row row, String model, long modelId) {
    }

    /** The WHERE clause under construction: fixed SQL text with '?' for every value, and the values in order. */
    private final class Where {
        private final boolean versions;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        Where(boolean versions) {
            this.versions = versions;
            conditions.add("m.deleted_at IS NULL");
            if (versions) {
                conditions.add("v.deleted_at IS NULL");
            }
        }

        void scope(Set<ModelName> within) {
            if (within != null) {
                conditions.add(within.isEmpty() ? "1 = 0" : "m.name IN (" + marks(within.size()) + ")");
                within.stream().sorted().forEach(n -> args.add(n.value()));
            }
        }

        void add(Predicate p) {
            if (p.field() == Field.TAG && versions && p.match() == Match.EQ && selective(p.tagKey(), p.value())) {
                // few versions carry this tag value: start from the tag index instead of walking every live version
                args.add(p.tagKey());
                args.add(p.value());
                conditions.add("(v.model_id, v.number) IN (SELECT t.model_id, t.version FROM version_tags t "
                        + "WHERE t.key = ? AND t.value = ?)");
                return;
            }
            if (p.field() == Field.TAG) {
                String tags = versions
                        ? "version_tags t WHERE t.model_id = v.model_id AND t.version = v.number"
                        : "model_tags t WHERE t.model_id = m.id";
                args.add(p.tagKey());
                conditions.add("EXISTS (SELECT 1 FROM " + tags + " AND t.key = ? AND " + compare("t.value", p) + ")");
                return;
            }
            if (p.field() == Field.STAGE && !versions) {
                // a model is "in" a stage when one of its live versions holds it (the stage index serves the lookup)
                conditions.add("EXISTS (SELECT 1 FROM model_versions sv WHERE sv.model_id = m.id AND sv.deleted_at IS NULL AND "
                        + compare("sv.stage", p) + ")");
                return;
            }
            String column = switch (p.field()) {
                case NAME -> "m.name";
                case VERSION_NUMBER -> "v.number";
                case RUN_ID -> "v.run_id";
                case SOURCE -> "v.source";
                case STAGE -> "v.stage";
                case TAG -> throw new IllegalStateException();
            };
            if (!versions && p.field() != Field.NAME) {
                throw new IllegalArgumentException("models have no " + p.field());
            }
            conditions.add(compare(column, p));
        }

        /** The condition for one predicate on a column (NULL never matches: an absent run id fails even !=). */
        private String compare(String column, Predicate p) {
            if (p.field().numeric()) {
                p.values().forEach(v -> args.add(Long.parseLong(v)));
            } else if (p.match().pattern()) {
                args.add(sql.dialect().likePattern(p.value(), p.match() == dev.regent.core.search.Match.ILIKE));
            } else {
                args.addAll(p.values());
            }
            return switch (p.match()) {
                case EQ -> column + " = ?";
                case NE -> column + " <> ?";
                case IN -> column + " IN (" + marks(p.values().size()) + ")";
                case LIKE -> sql.dialect().like(column, false);
                case ILIKE -> sql.dialect().like(column, true);
                case GT -> column + " > ?";
                case GE -> column + " >= ?";
                case LT -> column + " < ?";
                case LE -> column + " <= ?";
            };
        }

        String sql() {
            return String.join(" AND ", conditions);
        }
    }
}
