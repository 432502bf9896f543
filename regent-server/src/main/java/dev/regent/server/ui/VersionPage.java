package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.Checklist;
import dev.regent.server.ui.view.TargetPolicy;
import dev.regent.server.ui.view.VersionView;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One version: gate checklists, lineage, card, evidence, compliance tags, approvals, and its forms. */
final class VersionPage {
    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    VersionPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/models/{model}/versions/{version}", this::version);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void version(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        ModelVersion v = registry().version(actor, name, number);
        ModelOverview overview = registry().overview(actor, name);
        String aliases = overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number))
                .map(e -> e.getKey().value()).collect(Collectors.joining(", "));
        CardRevision card = registry().governance().card(actor, name, number).orElse(null);
        String cardHtml = null;
        List<String> sections = List.of();
        if (card != null) {
            ModelCard parsed = ModelCard.fromCanonicalJson(card.canonicalJson());
            // the core renders with commonmark, raw HTML escaped and links limited to http, https and mailto
            cardHtml = parsed.toHtml("");
            sections = parsed.sections();
        }
        Policy policy = registry().policies().inEffect().policy();
        List<String> targets = new ArrayList<>(List.of("Staging", "Production"));
        List<Checklist> checklists = new ArrayList<>();
        for (TargetPolicy target : PolicyTargets.of(policy, name, overview.aliases().keySet())) {
            GateTarget t = GateTarget.parse(target.wire());
            if (t.stage() != null || !target.gates().isEmpty()) {
                checklists.add(Checklist.of(target.target(), registry().governance().gates(actor, name, number, t)));
            }
            if (t.alias() != null) {
                targets.add(target.wire());
            }
        }
        templates.render(ctx, 200, "version", new VersionView(ui.frame(ctx, caller, name + " v" + number, "models"), v, aliases,
                card, cardHtml, sections, registry().governance().evidenceOf(actor, name, number), registry().governance().complianceTags(actor, name, number),
                registry().governance().approvals(actor, name, number), checklists, targets, caller.has(Role.APPROVER, name),
                caller.has(Role.CONTRIBUTOR, name), List.copyOf(new TreeSet<>(policy.complianceTags().keySet())),
                evidenceKinds(policy), tagKinds(policy), endpoints.runLinks().link(v.lineage().runId()).orElse(null),
                RunLinks.sourceLink(v.source().toString()).orElse(null)));
    }

    /** Compliance tag → the evidence kinds that can back it, for the tag form's choices. */
    private static java.util.Map<String, List<String>> tagKinds(Policy policy) {
        java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
        policy.complianceTags().forEach((tag, kinds) -> out.put(tag, kinds.stream().map(k -> k.value()).toList()));
        return out;
    }

    /** The kinds the policy names (eval reports and what compliance tags need), as suggestions for the evidence form. */
    private static List<String> evidenceKinds(Policy policy) {
        Set<String> kinds = new TreeSet<>(List.of(dev.regent.core.evidence.EvidenceKind.EVAL_REPORT.value()));
        policy.complianceTags().values().forEach(list -> list.forEach(k -> kinds.add(k.value())));
        return List.copyOf(kinds);
    }
}
