package dev.regent.mcp;

import static dev.regent.mcp.Targets.MODEL;
import static dev.regent.mcp.Targets.VERSION;

import dev.regent.api.AuditEntryWire;
import dev.regent.api.GatesWire;
import dev.regent.api.ListWires;
import dev.regent.api.ModelOverviewWire;
import dev.regent.api.ModelWire;
import dev.regent.api.ReportWire;
import dev.regent.api.VersionWire;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Model;
import dev.regent.core.model.NameKey;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The tools that only read: they never write, not even an audit entry. */
final class ReadTools {
    private final Results results;

    ReadTools(Results results) {
        this.results = results;
    }

    List<ToolDef> all() {
        return List.of(findModels(), getModel(), getVersion(), checkGates(), showPolicy(), requestPromotion(), verifyVersion(),
                auditLog());
    }

    private ToolDef findModels() {
        return new ToolDef("find_models", "Find models",
                "Lists the registered models the agent may read, in name order, optionally only those whose name contains "
                        + "'query', ignoring case and width. Read-only.",
                List.of(Param.string("query", false, Limits.MODEL_NAME, "Part of the model name to look for."),
                        Param.string("page_token", false, Limits.PAGE_TOKEN, "From the previous page's next_page_token."),
                        Param.integer("limit", false, "At most this many models (default and maximum 100).")),
                false, (session, args, dryRun) -> {
                    int limit = Math.min(args.integer("limit").orElse(Limits.MAX_PAGE), Limits.MAX_PAGE);
                    Page<Model> page = session.models(args.string("page_token").orElse(null), limit);
                    // names keep their case: match on keys, so "fraud" finds "FraudDetector"
                    String query = args.string("query").orElse("");
                    String key = NameKey.of(query);
                    List<Model> found = page.items().stream().filter(m -> m.name().key().contains(key)).toList();
                    String text = found.isEmpty() ? "No models" + (query.isEmpty() ? "." : " whose name contains '" + query + "'.")
                            : found.stream().map(m -> "- " + m.name() + (m.description().isEmpty() ? "" : ": " + m.description().text()))
                                    .collect(Collectors.joining("\n"));
                    if (page.nextPageToken() != null) {
                        text += "\n(more: call again with page_token " + page.nextPageToken() + ")";
                    }
                    return results.data(text, new ListWires.Models(found.stream().map(ModelWire::of).toList(), page.nextPageToken()));
                }).returning(OutputSchemas.component("ModelPage"));
    }

    private ToolDef getModel() {
        return new ToolDef("get_model", "Show a model",
                "Shows a model: description, tags, number of versions, which versions hold Staging and Production, and its "
                        + "aliases. Read-only.",
                List.of(MODEL), false, (session, args, dryRun) -> {
                    ModelOverview o = session.overview(Targets.model(args));
                    StringBuilder text = new StringBuilder("Model " + o.model().name() + " (" + o.liveVersions() + " version(s)"
                            + (o.latest() == null ? "" : ", latest " + o.latest()) + ")\n");
                    if (!o.model().description().isEmpty()) {
                        text.append(o.model().description().text()).append('\n');
                    }
                    o.stageHolders().forEach((stage, v) -> text.append(stage).append(": version ").append(v).append('\n'));
                    o.aliases().forEach((alias, v) -> text.append("alias ").append(alias).append(" -> version ").append(v).append('\n'));
                    return results.data(text.toString().strip(), ModelOverviewWire.of(o));
                }).returning(OutputSchemas.component("ModelOverview"));
    }

    private ToolDef getVersion() {
        return new ToolDef("get_version", "Show a version",
                "Shows a version: stage, source, artifact digest, lineage, metrics, params, description, tags, creator and "
                        + "the aliases pointing at it. Read-only.",
                List.of(MODEL, VERSION), false, (session, args, dryRun) -> {
                    ModelName model = Targets.model(args);
                    ModelVersion v = session.version(model, Targets.version(args));
                    VersionWire wire = VersionWire.of(v, VersionWire.aliasesOf(session.overview(model).aliases(), v.number()));
                    String text = "Version " + v.model() + " " + v.number() + ": " + v.stage() + "\nsource " + v.source()
                            + "\ndigest " + v.artifactDigest().map(Object::toString).orElse("none")
                            + "\nmetrics " + v.metrics().values() + "\ncreated by " + v.createdBy() + " at " + v.createdAt()
                            + (wire.aliases().isEmpty() ? "" : "\naliases " + wire.aliases());
                    return results.data(text, wire);
                }).returning(OutputSchemas.component("Version"));
    }

    private ToolDef checkGates() {
        return new ToolDef("check_gates", "Check gates",
                "Evaluates the policy's gates for moving a version to a stage or protected alias, as they stand now, with "
                        + "each gate's result and what it saw. Read-only.",
                List.of(MODEL, VERSION, Targets.OPTIONAL_STAGE, Targets.OPTIONAL_ALIAS), false, (session, args, dryRun) -> {
                    ModelName model = Targets.model(args);
                    VersionNumber number = Targets.version(args);
                    GateTarget target = Targets.gateTarget(args);
                    List<Finding> gates = session.gates(model, number, target);
                    GatesWire wire = GatesWire.of(model, number, target, gates);
                    String text = "Gates for " + model + " " + number + " -> " + target + ": "
                            + (wire.passed() ? "all pass" : "some fail") + "\n" + findings(gates);
                    return results.data(text, wire);
                }).returning(OutputSchemas.component("Gates"));
    }

    private ToolDef showPolicy() {
        return new ToolDef("show_policy", "Show the policy",
                "Shows the registry's policy in effect — its revision, who applied it and why — and the gates of each "
                        + "stage and alias, for a model (its override applied) or the defaults. Aliases the policy does not "
                        + "declare pass Production's gates. Read-only: only an admin changes the policy (regent policy apply).",
                List.of(Param.string("model", false, Limits.MODEL_NAME, "A model, to see its gates with its override applied.")),
                false, (session, args, dryRun) -> {
                    ModelName model = args.string("model").map(ModelName::of).orElse(null);
                    dev.regent.api.PolicyWire wire = dev.regent.api.PolicyWire.of(session.policy(), model);
                    StringBuilder text = new StringBuilder("Policy revision " + wire.revision().revision() + " ("
                            + wire.revision().digest() + "), applied by " + wire.revision().appliedBy() + ": "
                            + wire.revision().reason() + "\n");
                    wire.stages().forEach((stage, gates) -> text.append(stage).append(": ")
                            .append(gates.isEmpty() ? "no gates" : String.join("; ", gates)).append('\n'));
                    wire.aliases().forEach((alias, gates) -> text.append("alias ").append(alias).append(": ")
                            .append(gates.isEmpty() ? "no gates" : String.join("; ", gates)).append('\n'));
                    text.append("every other alias: Production's gates");
                    return results.data(text.toString(), wire);
                }).returning(OutputSchemas.component("Policy"));
    }

    private ToolDef requestPromotion() {
        return new ToolDef("request_promotion", "Ask what a promotion still needs (dry run)",
                "A dry run of promote: writes nothing and notifies no one. Returns whether the version could enter the stage "
                        + "now, every gate's result and what is still missing (e.g. a human approval, an eval report, card "
                        + "sections). Tell a person what is missing; approvals are theirs to give.",
                List.of(MODEL, VERSION, Targets.STAGE, Param.string("reason", false, Limits.REASON,
                        "Why the promotion is wanted (default: 'requested by an agent').")),
                false, (session, args, dryRun) -> {
                    ModelName model = Targets.model(args);
                    VersionNumber number = Targets.version(args);
                    Stage stage = Targets.stage(args);
                    OperationReport report = session.promote(model, number, stage,
                            Reason.of(args.string("reason").orElse("requested by an agent")), true);
                    List<Finding> missing = report.plan().preconditions().stream().filter(f -> !f.passed()).toList();
                    boolean ready = missing.isEmpty();
                    StringBuilder text = new StringBuilder(ready
                            ? "READY: every gate for " + stage + " passes; promote would apply now.\n"
                            : "NOT READY: " + missing.size() + " check(s) for " + stage + " still fail. Missing:\n");
                    missing.forEach(f -> text.append("- ").append(f.check()).append(": ").append(f.detail()).append('\n'));
                    text.append("(dry run: nothing was written)\n\n").append(report.plan().preconditions().isEmpty() ? ""
                            : "Gates and checks:\n" + findings(report.plan().preconditions()));
                    Map<String, Object> wire = new LinkedHashMap<>();
                    wire.put("model", model.value());
                    wire.put("version", number.value());
                    wire.put("stage", stage.label());
                    wire.put("ready", ready);
                    wire.put("missing", missing.stream().map(f -> Map.of("check", f.check(), "detail", f.detail())).toList());
                    wire.put("report", Results.json(ReportWire.of(report)));
                    return results.data(text.toString().strip(), wire);
                }).returning(promotionSchema());
    }

    /** The structured content request_promotion returns: ready or not, what is missing, and the dry run's report. */
    private static Map<String, Object> promotionSchema() {
        Map<String, Object> missing = new LinkedHashMap<>();
        missing.put("check", OutputSchemas.type("string"));
        missing.put("detail", OutputSchemas.type("string"));
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("model", OutputSchemas.type("string"));
        properties.put("version", OutputSchemas.type("integer"));
        properties.put("stage", Map.of("type", "string", "enum", Targets.STAGES));
        properties.put("ready", OutputSchemas.type("boolean"));
        properties.put("missing", OutputSchemas.arrayOf(OutputSchemas.object(missing)));
        properties.put("report", OutputSchemas.component("Report"));
        return OutputSchemas.object(properties);
    }

    private ToolDef verifyVersion() {
        return new ToolDef("verify_version", "Verify a version",
                "Reads the version back and checks it: artifact digest recorded, stage (against 'stage' when given), the "
                        + "model card's digest recomputed, each stored evidence file's digest recomputed and not revoked, "
                        + "and each compliance tag backed. Read-only; never downloads or touches the artifact.",
                List.of(MODEL, VERSION, Param.choice("stage", false, Targets.STAGES, "The stage the version should be in.")),
                false, (session, args, dryRun) -> verify(session, args)).returning(VersionCheck.schema());
    }

    private CallToolResult verify(RegistrySession session, Args args) {
        VersionCheck check = VersionCheck.run(session, Targets.model(args), Targets.version(args),
                args.string("stage").map(Stage::parse).orElse(null));
        String text = (check.passed() ? "VERIFIED" : "VERIFICATION FAILED") + ": " + check.model() + " " + check.version()
                + "\n" + findings(check.findings());
        return results.verification(text, check.wire(), check.passed());
    }

    private ToolDef auditLog() {
        return new ToolDef("audit_log", "Read the audit log",
                "Reads audit entries in sequence order (optionally one model's, after a sequence number): who did what, "
                        + "when, why, the outcome (APPLIED or REFUSED) and via which channel (via=mcp:<tool> for agent tool "
                        + "calls). Read-only; no tool edits or deletes audit entries.",
                List.of(Param.string("model", false, Limits.MODEL_NAME, "Only this model's entries."),
                        Param.integer("after", false, "Only entries after this sequence number."),
                        Param.integer("limit", false, "At most this many entries (default 100, maximum 1000).")),
                false, (session, args, dryRun) -> {
                    ModelName model = args.string("model").map(ModelName::of).orElse(null);
                    int limit = Math.min(args.integer("limit").orElse(100), 1000);
                    List<AuditEntry> entries = session.audit(new AuditQuery(model, args.integer("after").orElse(0), limit));
                    String text = entries.isEmpty() ? "No audit entries." : entries.stream().map(ReadTools::line)
                            .collect(Collectors.joining("\n"));
                    return results.data(text, new ListWires.AuditEntries(entries.stream().map(AuditEntryWire::of).toList(), null));
                }).returning(OutputSchemas.component("AuditPage"));
    }

    private static String line(AuditEntry e) {
        String via = e.after().get("via");
        return "#" + e.seq() + " " + e.at() + " " + e.actor() + " " + e.action().wireName() + " " + e.target() + " "
                + e.outcome() + (e.reason().isEmpty() ? "" : " - " + e.reason()) + (via == null ? "" : " (via=" + via + ")");
    }

    static String findings(List<Finding> findings) {
        return findings.stream().map(f -> "  " + (f.passed() ? "[pass] " : "[FAIL] ") + f.check()
                + (f.detail().isEmpty() ? "" : " - " + f.detail())).collect(Collectors.joining("\n"));
    }
}
