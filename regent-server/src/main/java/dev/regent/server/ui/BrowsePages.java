package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Registry;
import dev.regent.core.search.Field;
import dev.regent.core.search.Found;
import dev.regent.core.search.Match;
import dev.regent.core.search.Predicate;
import dev.regent.core.search.SearchQuery;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.AuditView;
import dev.regent.server.ui.view.Checklist;
import dev.regent.server.ui.view.GateLine;
import dev.regent.server.ui.view.ModelRow;
import dev.regent.server.ui.view.ModelView;
import dev.regent.server.ui.view.ModelsView;
import dev.regent.server.ui.view.TargetPolicy;
import dev.regent.server.ui.view.TimelineItem;
import dev.regent.server.ui.view.VersionView;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The reading pages: models, one model, one version, the audit log. */
final class BrowsePages {
    static final int MODELS_PAGE = 25;
    static final int VERSIONS_PAGE = 50;
    static final int AUDIT_PAGE = 100;
    static final int TIMELINE_MAX = 200;
    /** The furthest a models page may skip: deep pages are for search filters, not paging. */
    static final int MAX_OFFSET = 10_000;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;
    /** "Verify now" recomputes the whole log: one at a time, whoever asks. */
    private final Object verifying = new Object();

    BrowsePages(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/", this::models);
        endpoints.get("/models/{model}", this::model);
        endpoints.get("/models/{model}/versions/{version}", this::version);
        endpoints.get("/audit", this::audit);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    // ---- models ----

    private void models(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        String name = trimmed(ctx.queryParam("name"));
        String tag = trimmed(ctx.queryParam("tag"));
        String stage = trimmed(ctx.queryParam("stage"));
        int offset = offset(ctx.queryParam("offset"));
        List<Predicate> predicates = new ArrayList<>();
        if (name != null) {
            // a part of the name, case-insensitive; '%' and '_' the user types are wildcards as in MLflow's LIKE
            predicates.add(Predicate.attribute(Field.NAME, Match.ILIKE, "%" + name + "%"));
        }
        if (tag != null) {
            int eq = tag.indexOf('=');
            predicates.add(eq < 0 ? Predicate.tag(tag, Match.LIKE, "%")
                    : Predicate.tag(tag.substring(0, eq).trim(), Match.EQ, tag.substring(eq + 1).trim()));
        }
        if (stage != null) {
            predicates.add(Predicate.attribute(Field.STAGE, Match.EQ, Stage.parse(stage).label()));
        }
        Found<Model> found = registry().searchModels(actor, new SearchQuery(predicates, List.of()), offset, MODELS_PAGE);
        List<ModelRow> rows = new ArrayList<>();
        for (Model m : found.items()) {
            // one overview per listed model: a page holds at most MODELS_PAGE of them
            ModelOverview o = registry().overview(actor, m.name());
            rows.add(new ModelRow(m, o.stageHolders().get(Stage.PRODUCTION), o.stageHolders().get(Stage.STAGING),
                    o.aliases(), o.liveVersions(), o.latest()));
        }
        String previous = offset == 0 ? null : Links.withQuery("/", Links.params("name", name, "tag", tag, "stage", stage,
                "offset", offset - MODELS_PAGE <= 0 ? null : Integer.toString(offset - MODELS_PAGE)));
        String next = found.more() && offset + MODELS_PAGE <= MAX_OFFSET ? Links.withQuery("/", Links.params("name", name,
                "tag", tag, "stage", stage, "offset", Integer.toString(offset + MODELS_PAGE))) : null;
        List<String> stages = Arrays.stream(Stage.values()).map(Stage::label).toList();
        templates.render(ctx, 200, "models", new ModelsView(ui.frame(ctx, caller, "Models", "models"), name == null ? "" : name,
                tag == null ? "" : tag, stage == null ? "" : Stage.parse(stage).label(), stages, rows, previous, next,
                caller.grants().stream().anyMatch(g -> g.role().includes(Role.CONTRIBUTOR))));
    }

    // ---- one model ----

    private void model(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        ModelName name = ModelName.of(ctx.pathParam("model"));
        ModelOverview overview = registry().overview(actor, name);
        int before = before(ctx.queryParam("before"), overview);
        // versions come oldest first from the registry; the page shows the newest first
        int after = Math.max(0, before - 1 - VERSIONS_PAGE);
        List<ModelVersion> versions = new ArrayList<>(registry().versions(actor, name, after, VERSIONS_PAGE + 1).stream()
                .filter(v -> v.number().value() < before).toList());
        versions.sort(Comparator.comparing(ModelVersion::number).reversed());
        if (versions.size() > VERSIONS_PAGE) {
            versions = versions.subList(0, VERSIONS_PAGE);
        }
        String older = !versions.isEmpty() && versions.get(versions.size() - 1).number().value() > 1
                ? Links.withQuery(Links.model(name), Links.params("before", versions.get(versions.size() - 1).number().toString()))
                : null;
        Policy policy = registry().policy();
        templates.render(ctx, 200, "model", new ModelView(ui.frame(ctx, caller, name.value(), "models"), overview, versions, older,
                timeline(actor, name), policy.overrideFor(name).orElse(null), policyOf(policy, name),
                caller.has(Role.APPROVER, name), caller.has(Role.CONTRIBUTOR, name)));
    }

    /** The first version number not shown (the page shows those below it); latest + 1 when not given. */
    private static int before(String raw, ModelOverview overview) {
        int top = overview.latest() == null ? 1 : overview.latest().value() + 1;
        if (raw == null || raw.isBlank()) {
            return top;
        }
        try {
            return Math.min(top, Math.max(1, Integer.parseInt(raw.trim())));
        } catch (NumberFormatException e) {
            throw RegentException.invalid("'before' must be a version number, got '" + raw + "'");
        }
    }

    /** Stage changes and refused attempts, newest first, from the audit log (who, when, why, what the gates said). */
    private List<TimelineItem> timeline(Principal actor, ModelName name) {
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditAction action : List.of(AuditAction.STAGE_TRANSITION, AuditAction.STAGE_ROLLBACK)) {
            entries.addAll(registry().audit(actor, new AuditQuery(name, null, action, 0, AuditQuery.MAX_LIMIT)));
        }
        entries.sort(Comparator.comparingLong(AuditEntry::seq).reversed());
        return entries.stream().limit(TIMELINE_MAX).map(BrowsePages::timelineItem).toList();
    }

    private static TimelineItem timelineItem(AuditEntry e) {
        String version = e.target().substring(e.target().lastIndexOf('/') + 1);
        String from = e.before().getOrDefault("stage", "?");
        String to = e.after().getOrDefault("stage", "?");
        boolean rollback = e.action() == AuditAction.STAGE_ROLLBACK;
        if (e.outcome() == dev.regent.core.audit.AuditOutcome.REFUSED) {
            return new TimelineItem(e, (rollback ? "Rollback" : "Promotion") + " of " + e.target() + " refused", "");
        }
        boolean retired = "Archived".equals(to) || "None".equals(to);
        String verb = rollback ? "Rolled back: " : retired ? "Moved: " : "Promoted: ";
        String headline = verb + e.target() + " " + from + " → " + to
                + (e.after().containsKey("displaced") ? " (v" + e.after().get("displaced") + " moved out)" : "");
        String gates = rollback ? "to the last known-good version; its gates passed when it was promoted"
                : retired ? "" : "every gate passed at the time of the change";
        return new TimelineItem(e, headline.replace(e.target() + " ", "v" + version + " "), gates);
    }

    private static List<TargetPolicy> policyOf(Policy policy, ModelName name) {
        List<GateTarget> targets = new ArrayList<>(List.of(GateTarget.of(Stage.STAGING), GateTarget.of(Stage.PRODUCTION)));
        Set<AliasName> aliases = new TreeSet<>(policy.defaults().aliases().keySet());
        policy.overrideFor(name).ifPresent(o -> aliases.addAll(policy.overrides().get(o).aliases().keySet()));
        aliases.forEach(a -> targets.add(GateTarget.of(a)));
        return targets.stream().map(t -> new TargetPolicy(t.toString(), t.wire(), policy.gates(name, t).stream()
                .map(g -> new GateLine(g.kind(), g.describe())).toList())).toList();
    }

    // ---- one version ----

    private void version(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        ModelVersion v = registry().version(actor, name, number);
        ModelOverview overview = registry().overview(actor, name);
        String aliases = overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number))
                .map(e -> e.getKey().value()).collect(Collectors.joining(", "));
        CardRevision card = registry().card(actor, name, number).orElse(null);
        String cardHtml = null;
        List<String> sections = List.of();
        if (card != null) {
            ModelCard parsed = ModelCard.fromCanonicalJson(card.canonicalJson());
            // the core renders with commonmark, raw HTML escaped and links limited to http, https and mailto
            cardHtml = parsed.toHtml("");
            sections = parsed.sections();
        }
        Policy policy = registry().policy();
        List<String> targets = new ArrayList<>(List.of("Staging", "Production"));
        List<Checklist> checklists = new ArrayList<>();
        for (TargetPolicy target : policyOf(policy, name)) {
            GateTarget t = GateTarget.parse(target.wire());
            if (t.stage() != null || !target.gates().isEmpty()) {
                checklists.add(new Checklist(target.target(), registry().gates(actor, name, number, t)));
            }
            if (t.alias() != null) {
                targets.add(target.wire());
            }
        }
        templates.render(ctx, 200, "version", new VersionView(ui.frame(ctx, caller, name + " v" + number, "models"), v, aliases,
                card, cardHtml, sections, registry().evidenceOf(actor, name, number), registry().complianceTags(actor, name, number),
                registry().approvals(actor, name, number), checklists, targets, caller.has(Role.APPROVER, name),
                caller.has(Role.CONTRIBUTOR, name), List.copyOf(new TreeSet<>(policy.complianceTags().keySet())),
                evidenceKinds(policy)));
    }

    /** The kinds the policy names (eval reports and what compliance tags need), as suggestions for the evidence form. */
    private static List<String> evidenceKinds(Policy policy) {
        Set<String> kinds = new TreeSet<>(List.of(dev.regent.core.evidence.EvidenceKind.EVAL_REPORT.value()));
        policy.complianceTags().values().forEach(list -> list.forEach(k -> kinds.add(k.value())));
        return List.copyOf(kinds);
    }

    // ---- audit ----

    private void audit(Context ctx, PrincipalRecord caller) {
        String model = trimmed(ctx.queryParam("model"));
        String actor = trimmed(ctx.queryParam("actor"));
        String action = trimmed(ctx.queryParam("action"));
        long after = after(ctx.queryParam("after"));
        AuditQuery query = new AuditQuery(model == null ? null : ModelName.of(model), actor == null ? null : Principal.of(actor),
                action == null ? null : AuditAction.fromWireName(action), after, AUDIT_PAGE);
        List<AuditEntry> entries = registry().audit(caller.principal(), query);
        String next = entries.size() < AUDIT_PAGE ? null : Links.withQuery("/audit", Links.params("model", model, "actor", actor,
                "action", action, "after", Long.toString(entries.get(entries.size() - 1).seq())));
        CheckpointSigner signer = endpoints.audit().orElse(null);
        StoredCheckpoint checkpoint = signer == null ? null : signer.latest().orElse(null);
        VerificationReport verification = null;
        boolean globalViewer = caller.grants().stream().anyMatch(g -> g.model() == null && g.role().includes(Role.VIEWER));
        if (signer != null && globalViewer && "now".equals(ctx.queryParam("verify"))) {
            synchronized (verifying) {
                verification = signer.tree().verify(signer.verifier());
            }
        }
        String verifyLink = signer != null && globalViewer ? Links.withQuery("/audit", Links.params("model", model, "actor",
                actor, "action", action, "verify", "now")) : null;
        List<String> actions = Stream.of(AuditAction.values()).map(AuditAction::wireName).toList();
        templates.render(ctx, 200, "audit", new AuditView(ui.frame(ctx, caller, "Audit log", "audit"), model == null ? "" : model,
                actor == null ? "" : actor, action == null ? "" : action, actions, entries, next, signer != null, checkpoint,
                verification, verifyLink));
    }

    // ---- query parameters ----

    private static String trimmed(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > 500) {
            throw RegentException.invalid("a search field holds at most 500 characters");
        }
        return raw.trim();
    }

    private static int offset(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(raw.trim());
            if (offset < 0 || offset > MAX_OFFSET) {
                throw RegentException.invalid("offset must be between 0 and " + MAX_OFFSET + "; narrow the search instead");
            }
            return offset;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("offset must be a number, got '" + raw + "'");
        }
    }

    private static long after(String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(raw.trim()));
        } catch (NumberFormatException e) {
            throw RegentException.invalid("'after' must be an audit sequence number, got '" + raw + "'");
        }
    }
}
