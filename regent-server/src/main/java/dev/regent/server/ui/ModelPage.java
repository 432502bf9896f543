package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.RegentException;
import dev.regent.core.event.Event;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.policy.Policy;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.EventItem;
import dev.regent.server.ui.view.ModelView;
import dev.regent.server.ui.view.TimelineItem;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One model: its versions (newest first), the stage history from the audit log, the policy in effect, and its forms. */
final class ModelPage {
    static final int VERSIONS_PAGE = 50;
    static final int TIMELINE_MAX = 200;
    /** Events per page of the model's feed, and the most audit entries looked at to fill one. */
    static final int EVENTS_PAGE = 20;
    static final int EVENTS_SCAN = 200;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    ModelPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/models/{model}", this::model);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void model(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        ModelName name = ModelName.of(ctx.pathParam("model"));
        ModelOverview overview = registry().overview(actor, name);
        VersionFilter filter = VersionFilter.of(ctx);
        List<ModelVersion> versions;
        String older;
        String newer = null;
        if (filter.empty()) {
            versions = newestFirst(actor, name, overview, ctx.queryParam("before"));
            older = !versions.isEmpty() && versions.get(versions.size() - 1).number().value() > 1
                    ? Links.withQuery(Links.model(name), Links.params("before", versions.get(versions.size() - 1).number().toString()))
                    : null;
        } else {
            int offset = QueryParams.offset(ctx.queryParam("offset"));
            dev.regent.core.search.Found<ModelVersion> found = registry().search().searchVersions(actor, filter.query(name), offset, VERSIONS_PAGE);
            versions = found.items();
            older = found.more() && offset + VERSIONS_PAGE <= QueryParams.MAX_OFFSET ? filtered(name, filter, offset + VERSIONS_PAGE) : null;
            newer = offset == 0 ? null : filtered(name, filter, Math.max(0, offset - VERSIONS_PAGE));
        }
        Feed feed = events(actor, name, ctx.queryParam("events_before"));
        dev.regent.core.policy.EffectivePolicy effective = registry().policies().inEffect();
        Policy policy = effective.policy();
        templates.render(ctx, 200, "model", new ModelView(ui.frame(ctx, caller, name.value(), "models"), overview, versions, older,
                newer, filter.stage() == null ? "" : filter.stage(), filter.run() == null ? "" : filter.run(),
                filter.tag() == null ? "" : filter.tag(), !filter.empty(),
                timeline(actor, name), feed.items(), feed.older(), feed.newest(), effective.revision().label(), policy.overrideFor(name).orElse(null), PolicyTargets.of(policy, name, overview.aliases().keySet()),
                caller.has(Role.APPROVER, name), caller.has(Role.CONTRIBUTOR, name)));
    }

    private static String filtered(ModelName name, VersionFilter filter, int offset) {
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>(filter.params());
        params.put("offset", offset == 0 ? null : Integer.toString(offset));
        return Links.withQuery(Links.model(name), params);
    }

    /** One page of every live version, newest first, below {@code rawBefore} (the page's cursor). */
    private List<ModelVersion> newestFirst(Principal actor, ModelName name, ModelOverview overview, String rawBefore) {
        int before = before(rawBefore, overview);
        // versions come oldest first from the registry; the page shows the newest first
        int after = Math.max(0, before - 1 - VERSIONS_PAGE);
        List<ModelVersion> versions = new ArrayList<>(registry().versions(actor, name, after, VERSIONS_PAGE + 1).stream()
                .filter(v -> v.number().value() < before).toList());
        versions.sort(Comparator.comparing(ModelVersion::number).reversed());
        if (versions.size() > VERSIONS_PAGE) {
            versions = versions.subList(0, VERSIONS_PAGE);
        }
        return versions;
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

    /** One page of a model's event feed and the links to the older events and back to the newest (nullable). */
    private record Feed(List<EventItem> items, String older, String newest) {
    }

    /**
     * The model's events, newest first, below the cursor {@code rawBefore}: the applied audit entries of the model that
     * are events ({@link Event#of}, the derivation the outbox records and {@code GET /api/v1/events} serves), read from
     * the audit log by model (indexed, newest first; the event table is read oldest first only) under the same rule:
     * whoever may read the model reads its events. At most {@value #EVENTS_SCAN} entries are looked at per page.
     */
    private Feed events(Principal actor, ModelName name, String rawBefore) {
        long before = QueryParams.cursor(rawBefore);
        List<AuditEntry> scanned = registry().governance().audit(actor,
                AuditQuery.newestFirst(name, null, null, before == 0 ? Long.MAX_VALUE : before, EVENTS_SCAN));
        List<EventItem> items = new ArrayList<>();
        long cursor = 0;
        for (AuditEntry e : scanned) {
            cursor = e.seq();
            Optional<Event> event = Event.of(e);
            if (event.isPresent()) {
                items.add(new EventItem(e.seq(), event.get().type().wireName(), e.actor().name(), e.at(), e.target(), e.reason(),
                        Links.withQuery("/audit", Links.params("model", name.value(), "before", Long.toString(e.seq() + 1)))
                                + "#seq-" + e.seq()));
                if (items.size() == EVENTS_PAGE) {
                    break;
                }
            }
        }
        boolean more = items.size() == EVENTS_PAGE || scanned.size() == EVENTS_SCAN;
        String older = more && cursor > 1
                ? Links.withQuery(Links.model(name), Links.params("events_before", Long.toString(cursor))) + "#events-h" : null;
        String newest = before == 0 ? null : Links.model(name) + "#events-h";
        return new Feed(items, older, newest);
    }

    /** Stage changes and refused attempts, newest first, from the audit log (who, when, why, what the gates said). */
    private List<TimelineItem> timeline(Principal actor, ModelName name) {
        List<AuditEntry> entries = new ArrayList<>();
        for (AuditAction action : List.of(AuditAction.STAGE_TRANSITION, AuditAction.STAGE_ROLLBACK)) {
            entries.addAll(registry().governance().audit(actor, new AuditQuery(name, null, action, 0, AuditQuery.MAX_LIMIT)));
        }
        entries.sort(Comparator.comparingLong(AuditEntry::seq).reversed());
        return entries.stream().limit(TIMELINE_MAX).map(ModelPage::timelineItem).toList();
    }

    private static TimelineItem timelineItem(AuditEntry e) {
        String version = e.target().substring(e.target().lastIndexOf('/') + 1);
        String from = e.before().getOrDefault("stage", "?");
        String to = e.after().getOrDefault("stage", "?");
        boolean rollback = e.action() == AuditAction.STAGE_ROLLBACK;
        if (e.outcome() == dev.regent.core.audit.AuditOutcome.REFUSED) {
            return new TimelineItem(e, (rollback ? "Rollback" : "Promotion") + " of " + e.target() + " refused", "");
        }
        if (rollback) {
            // a rollback's entry names the stage (model#Production) and its holders before and after, not stages
            String stage = e.target().substring(e.target().lastIndexOf('#') + 1);
            String previous = e.before().get("holder");
            return new TimelineItem(e, "Rolled back " + stage + ": " + (previous == null ? "(empty)" : "v" + previous)
                    + " → v" + e.after().getOrDefault("holder", "?") + (previous == null ? "" : " (v" + previous + " archived)"),
                    "to the last known-good version; its gates passed when it was promoted");
        }
        boolean retired = "Archived".equals(to) || "None".equals(to);
        String verb = retired ? "Moved: " : "Promoted: ";
        String headline = verb + e.target() + " " + from + " → " + to
                + (e.after().containsKey("displaced") ? " (v" + e.after().get("displaced") + " moved out)" : "");
        String gates = retired ? "" : "every gate passed at the time of the change";
        return new TimelineItem(e, headline.replace(e.target() + " ", "v" + version + " "), gates);
    }
}
