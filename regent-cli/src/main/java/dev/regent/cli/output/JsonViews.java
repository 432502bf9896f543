package dev.regent.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import java.util.List;
import java.util.Map;

/** Maps domain values to the CLI's JSON documents, field by field (snake_case, ISO-8601 times). */
public final class JsonViews {
    private JsonViews() {
    }

    public static ObjectNode report(OperationReport r) {
        ObjectNode root = Json.object();
        ObjectNode plan = root.putObject("plan");
        plan.put("operation", r.plan().operation());
        ArrayNode steps = plan.putArray("steps");
        r.plan().steps().forEach(steps::add);
        plan.set("checks", findings(r.plan().preconditions()));
        ArrayNode changes = root.putArray("changes");
        for (Change c : r.changes()) {
            changes.addObject().put("kind", c.kind()).put("target", c.target()).put("detail", c.detail());
        }
        root.set("verification", findings(r.verification()));
        ObjectNode rollback = root.putObject("rollback");
        ArrayNode commands = rollback.putArray("commands");
        r.rollback().commands().forEach(commands::add);
        rollback.put("note", r.rollback().note());
        root.put("summary", r.summary());
        root.put("outcome", r.outcome().name());
        r.refusalCode().ifPresent(code -> root.put("refusal", code.name()));
        return root;
    }

    private static ArrayNode findings(List<Finding> findings) {
        ArrayNode array = Json.array();
        for (Finding f : findings) {
            array.addObject().put("check", f.check()).put("passed", f.passed()).put("detail", f.detail());
        }
        return array;
    }

    public static ObjectNode error(RegentException e) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("code", e.code().name());
        error.put("message", e.getMessage());
        error.set("details", Json.mapper().valueToTree(e.details()));
        return root;
    }

    public static ObjectNode model(Model m) {
        ObjectNode node = Json.object();
        node.put("name", m.name().value());
        node.put("description", m.description().text());
        node.set("tags", strings(m.tags().values()));
        node.put("created_by", m.createdBy().name());
        node.put("created_at", m.createdAt().toString());
        node.put("updated_at", m.updatedAt().toString());
        return node;
    }

    public static ObjectNode overview(ModelOverview o) {
        ObjectNode node = model(o.model());
        node.put("versions", o.liveVersions());
        if (o.latest() != null) {
            node.put("latest_version", o.latest().value());
        } else {
            node.putNull("latest_version");
        }
        ObjectNode stages = node.putObject("stages");
        o.stageHolders().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> stages.put(e.getKey().label(), e.getValue().value()));
        ObjectNode aliases = node.putObject("aliases");
        o.aliases().forEach((k, v) -> aliases.put(k.value(), v.value()));
        return node;
    }

    public static ObjectNode version(ModelVersion v) {
        ObjectNode node = Json.object();
        node.put("model", v.model().value());
        node.put("version", v.number().value());
        node.put("stage", v.stage().label());
        node.put("source", v.source().value());
        if (v.artifactDigest().isPresent()) {
            node.put("digest", v.artifactDigest().get().value());
        } else {
            node.putNull("digest");
        }
        node.put("run_id", v.lineage().runId());
        node.put("dataset_version", v.lineage().datasetVersion());
        node.put("code_version", v.lineage().codeVersion());
        ObjectNode metrics = node.putObject("metrics");
        v.metrics().values().forEach(metrics::put);
        node.set("params", strings(v.params().values()));
        node.put("description", v.description().text());
        node.set("tags", strings(v.tags().values()));
        node.put("created_by", v.createdBy().name());
        node.put("created_at", v.createdAt().toString());
        node.put("updated_at", v.updatedAt().toString());
        return node;
    }

    public static ObjectNode transition(Transition t) {
        ObjectNode node = Json.object();
        node.put("version", t.version().value());
        node.put("from", t.from().label());
        node.put("to", t.to().label());
        node.put("cause", t.cause().name());
        node.put("actor", t.actor().name());
        node.put("reason", t.reason());
        node.put("at", t.at().toString());
        return node;
    }

    public static ObjectNode audit(AuditEntry e) {
        ObjectNode node = Json.object();
        node.put("seq", e.seq());
        node.put("at", e.at().toString());
        node.put("actor", e.actor().name());
        node.put("action", e.action().wireName());
        node.put("target", e.target());
        node.put("outcome", e.outcome().name());
        node.put("reason", e.reason());
        node.set("before", strings(e.before()));
        node.set("after", strings(e.after()));
        ArrayNode evidence = node.putArray("evidence");
        e.evidence().forEach(evidence::add);
        return node;
    }

    public static ObjectNode evidence(dev.regent.core.evidence.Evidence e) {
        ObjectNode node = Json.object();
        node.put("id", e.id().value());
        node.put("model", e.model().value());
        node.put("version", e.version().value());
        node.put("kind", e.kind().value());
        node.put("digest", e.digest().value());
        node.put("stored", e.stored());
        node.put("uri", e.uri());
        node.put("summary", e.summary());
        node.put("author", e.author().name());
        node.put("at", e.at().toString());
        e.eval().ifPresent(r -> {
            ObjectNode eval = node.putObject("eval_report");
            eval.put("dataset", r.dataset());
            if (r.passed() == null) {
                eval.putNull("passed");
            } else {
                eval.put("passed", r.passed());
            }
            ObjectNode metrics = eval.putObject("metrics");
            r.metrics().values().forEach(metrics::put);
        });
        node.put("revoked", e.revoked());
        if (e.revoked()) {
            node.putObject("revocation").put("by", e.revocation().by().name()).put("at", e.revocation().at().toString())
                    .put("reason", e.revocation().reason());
        }
        return node;
    }

    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode node = Json.object();
        map.forEach(node::put);
        return node;
    }
}
