package dev.regent.server.ui;

import dev.regent.api.PolicyWire;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.report.OperationReport;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.PolicyView;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry's policy: the revision in effect (or an earlier one), its gates and YAML, the history of revisions,
 * and for admins a form to apply a new revision — previewed first as a dry run (the diff of the gates and which
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
        endpoints.post("/policy", this::apply);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void show(Context ctx, PrincipalRecord caller) {
        String raw = QueryParams.trimmed(ctx.queryParam("revision"));
        EffectivePolicy current = registry().policies().inEffect(caller.principal());
        EffectivePolicy shown = current;
        if (raw != null) {
            if (!raw.matches("[1-9][0-9]{0,8}")) {
                throw RegentException.invalid("a policy revision is a whole number from 1, got '" + raw + "'");
            }
            shown = registry().policies().revision(caller.principal(), Integer.parseInt(raw));
        }
        boolean admin = ui.frame(ctx, caller, "", "").admin();
        templates.render(ctx, 200, "policy", new PolicyView(ui.frame(ctx, caller, "Policy", "policy"),
                PolicyWire.of(shown, null), shown.revision(), shown.revision().number() == current.revision().number(),
                registry().policies().history(caller.principal()), admin));
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
