package dev.regent.store;

import dev.regent.core.text.ReadableText;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.EvalReport;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
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
 * The insert-only evidence tables (evidence, its eval metrics, its revocations) and the mutable compliance tags
 * that point at evidence. Lists load each child table in one query over the same selection.
 */
final class EvidenceRows {
    private static final String COLUMNS = "e.id, m.name, e.version, e.kind, e.digest, e.uri, e.stored, e.summary, "
            + "e.author, e.at, e.eval_dataset, e.eval_passed";
    private static final String BY_ID = "e.id = ?";
    private static final String BY_VERSION = "e.model_id = ? AND e.version = ?";

    private final Sql sql;

    EvidenceRows(Sql sql) {
        this.sql = sql;
    }

    void insert(long modelId, Evidence e) {
        EvalReport eval = e.evalReport();
        sql.guardedUpdate(() -> "evidence " + e.id() + " already exists",
                "INSERT INTO evidence (id, model_id, version, kind, digest, uri, stored, summary, author, at, eval_dataset, "
                        + "eval_passed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.id().value(), modelId, e.version().value(), e.kind().value(), e.digest().value(), e.uri(), e.stored(),
                e.summary(), e.author().name(), e.at().toEpochMilli(), eval == null ? null : eval.dataset(),
                Sql.bool(eval == null ? null : eval.passed()));
        if (eval != null) {
            List<Object[]> metrics = new ArrayList<>();
            eval.metrics().values().forEach((name, value) ->
                    metrics.add(new Object[] {e.id().value(), name, Double.toString(value)}));
            sql.batch("INSERT INTO evidence_metrics (evidence_id, name, value) VALUES (?, ?, ?)", metrics);
        }
    }

    /** The evidence whatever the state of its model and version. */
    Optional<Evidence> find(EvidenceId id) {
        return load(BY_ID, id.value()).stream().findFirst();
    }

    /** The version's evidence, oldest first. */
    List<Evidence> of(long modelId, VersionNumber version) {
        return load(BY_VERSION, modelId, version.value());
    }

    void revoke(EvidenceId id, Revocation r) {
        if (!exists(id)) {
            throw notFound(id);
        }
        sql.guardedUpdate(() -> "evidence " + id + " is already revoked",
                "INSERT INTO evidence_revocations (evidence_id, revoked_by, at, reason) VALUES (?, ?, ?, ?)",
                id.value(), r.by().name(), r.at().toEpochMilli(), r.reason());
    }

    List<ComplianceTag> tags(ModelName model, long modelId, VersionNumber version) {
        return sql.list("SELECT tag, evidence_id, set_by, at FROM compliance_tags WHERE model_id = ? AND version = ? "
                        + "ORDER BY tag",
                rs -> new ComplianceTag(model, version, rs.getString(1), EvidenceId.parse(rs.getString(2)),
                        Principal.of(rs.getString(3)), Instant.ofEpochMilli(rs.getLong(4))),
                modelId, version.value());
    }

    /** Sets or replaces the tag; the evidence must be attached to the same version. */
    void putTag(long modelId, ComplianceTag tag) {
        Optional<long[]> owner = sql.first("SELECT model_id, version FROM evidence WHERE id = ?",
                rs -> new long[] {rs.getLong(1), rs.getInt(2)}, tag.evidence().value());
        if (owner.isEmpty()) {
            throw notFound(tag.evidence());
        }
        if (owner.get()[0] != modelId || owner.get()[1] != tag.version().value()) {
            throw RegentException.invalid("evidence " + tag.evidence() + " is not attached to version " + tag.version()
                    + " of model '" + tag.model() + "': a compliance tag must cite evidence of its own version");
        }
        sql.guardedUpdate(() -> "compliance tag '" + tag.tag() + "' cannot cite evidence " + tag.evidence(),
                "INSERT INTO compliance_tags (model_id, version, tag, evidence_id, set_by, at) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT (model_id, version, tag) DO UPDATE SET evidence_id = excluded.evidence_id, "
                        + "set_by = excluded.set_by, at = excluded.at",
                modelId, tag.version().value(), tag.tag(), tag.evidence().value(), tag.setBy().name(),
                tag.at().toEpochMilli());
    }

    boolean removeTag(long modelId, VersionNumber version, String tag) {
        return sql.update("DELETE FROM compliance_tags WHERE model_id = ? AND version = ? AND tag = ?",
                modelId, version.value(), tag) > 0;
    }

    static RegentException notFound(EvidenceId id) {
        return RegentException.notFound("evidence " + id + " does not exist");
    }

    private boolean exists(EvidenceId id) {
        return sql.first("SELECT 1 FROM evidence WHERE id = ?", rs -> 1, id.value()).isPresent();
    }

    /** The evidence rows matching {@code where} (over alias e), with their metrics and revocations. */
    private List<Evidence> load(String where, Object... args) {
        List<Row> rows = sql.list("SELECT " + COLUMNS + " FROM evidence e JOIN models m ON m.id = e.model_id WHERE "
                + where + " ORDER BY e.at, e.seq", EvidenceRows::row, args);
        if (rows.isEmpty()) {
            return List.of();
        }
        String ids = "SELECT e.id FROM evidence e WHERE " + where;
        Map<String, TreeMap<String, Double>> metrics = new HashMap<>();
        sql.list("SELECT evidence_id, name, value FROM evidence_metrics WHERE evidence_id IN (" + ids + ")",
                rs -> metrics.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .put(rs.getString(2), Double.parseDouble(rs.getString(3))),
                args);
        Map<String, Revocation> revocations = new HashMap<>();
        sql.list("SELECT evidence_id, revoked_by, at, reason FROM evidence_revocations WHERE evidence_id IN (" + ids + ")",
                rs -> revocations.put(rs.getString(1), new Revocation(Principal.of(rs.getString(2)),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4))),
                args);
        List<Evidence> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(r.toEvidence(metrics.getOrDefault(r.id, new TreeMap<>()), revocations.get(r.id)));
        }
        return out;
    }

    private static Row row(ResultSet rs) throws SQLException {
        boolean passed = rs.getBoolean(12);
        Boolean evalPassed = rs.wasNull() ? null : passed;
        return new Row(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getBoolean(7), rs.getString(8), rs.getString(9), rs.getLong(10), rs.getString(11), evalPassed);
    }

    /** One evidence row before its metrics and revocation are attached. */
    private record Row(String id, String model, int version, String kind, String digest, String uri, boolean stored,
                       String summary, String author, long at, String evalDataset, Boolean evalPassed) {
        Evidence toEvidence(TreeMap<String, Double> metrics, Revocation revocation) {
            EvalReport eval = evalDataset == null ? null
                    : ReadableText.asStored(() -> new EvalReport(new Metrics(metrics), evalDataset, evalPassed));
            return new Evidence(EvidenceId.parse(id), ModelName.of(model), VersionNumber.of(version), EvidenceKind.of(kind),
                    Digest.parse(digest), uri, stored, summary, Principal.of(author), Instant.ofEpochMilli(at), eval,
                    revocation);
        }
    }
}
