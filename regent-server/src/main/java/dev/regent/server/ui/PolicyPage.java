package dev.regent.server.ui;

import dev.regent.api.PolicyWire;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.PolicyDiff;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.report.OperationReport;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.LineDiff;
import dev.regent.server.ui.view.PolicyDiffView;
import dev.regent.server.ui.view.PolicyView;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's policy: the revision in effect (or an earlier one), its gates and YAML, the history of revisions, a
 * diff between any two revisions, and for admins a form to apply a new revision — previewed first as a dry run (the diff of the gates and which
 * gate outcomes of live versions would change), applied only when confirmed. The Registry checks the role again.
 */
final class PolicyPage {
    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    PolicyPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/policy", this::show);
        endpoints.get("/policy/diff", this::diff);
        endpoints.post("/policy", this::apply);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void show(Context ctx, PrincipalRecord caller) {
        EffectivePolicy current = registry().policies().inEffect(caller.principal());
        Integer wanted = revisionNumber(ctx.queryParam("revision"), "revision");
        EffectivePolicy shown = wanted == null ? current : registry().policies().revision(caller.principal(), wanted);
        boolean admin = ui.frame(ctx, caller, "", "").admin();
        templates.render(ctx, 200, "policy", new PolicyView(ui.frame(ctx, caller, "Policy", "policy"),
                PolicyWire.of(shown, null), shown.revision(), shown.revision().number() == current.revision().number(),
                registry().policies().history(caller.principal()), admin));
    }

    /**
     * Two revisions side by side as a diff ({@code ?from=N&to=M}; by default the one before the revision in effect and
     * the one in effect): what changes in meaning, as the canonical lines {@code policy apply}'s dry run shows
     * ({@link PolicyDiff}), then the YAML as written, line by line.
     */
    private void diff(Context ctx, PrincipalRecord caller) {
        Principal actor = caller.principal();
        EffectivePolicy current = registry().policies().inEffect(actor);
        Integer toNumber = revisionNumber(ctx.queryParam("to"), "to");
        EffectivePolicy to = toNumber == null ? current : registry().policies().revision(actor, toNumber);
        Integer fromNumber = revisionNumber(ctx.queryParam("from"), "from");
        EffectivePolicy from = fromNumber == null ? registry().policies().revision(actor, Math.max(1, to.revision().number() - 1))
                : registry().policies().revision(actor, fromNumber);
        List<LineDiff.Line> meaning = PolicyDiff.between(from.policy(), to.policy()).stream()
                .map(l -> new LineDiff.Line(l.charAt(0), l.substring(2))).toList();
        List<LineDiff.Line> text = LineDiff.between(from.revision().text(), to.revision().text());
        templates.render(ctx, 200, "policy-diff", new PolicyDiffView(ui.frame(ctx, caller, "Policy revision "
                + from.revision().number() + " → " + to.revision().number(), "policy"), registry().policies().history(actor),
                from.revision(), to.revision(), current.revision().number(), meaning, text));
    }

    /** A revision number from the query, or null when not given; a specific error for anything but a whole number. */
    private static Integer revisionNumber(String raw, String name) {
        String value = QueryParams.trimmed(raw);
        if (value == null) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,8}")) {
            throw RegentException.invalid("'" + name + "' is a policy revision number, a whole number from 1, got '"
                    + dev.regent.core.text.ReadableText.escapeInline(value) + "'");
        }
        return Integer.parseInt(value);
    }

    private void apply(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String yaml = form.required("yaml", "The policy's YAML text");
        String reasonText = form.required("reason", "A reason");
        Reason reason = Reason.of(reasonText);
        boolean dryRun = !form.confirmed();
        OperationReport report = registry().via(WebUi.CHANNEL).policies().apply(caller.principal(),
                PolicyParser.parse(yaml, "policy applied in the web UI"), reason, dryRun);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", ctx.formParam("csrf"));
        fields.put("yaml", yaml);
        fields.put("reason", reasonText);
        ui.report(ctx, caller, "Apply a new policy revision", report, "/policy", fields, "/policy", "policy");
    }
}
