package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.approval.Decision;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.registry.Registry;
import dev.regent.core.report.OperationReport;
import dev.regent.server.UiEndpoints;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms that change things: approve or reject, promote, roll back, set an alias. Each passes the same-origin
 * and CSRF checks, then calls the same Registry method as every other transport, which checks the principal's role
 * and the gates again whatever the page showed. Promotion, rollback and alias changes run first as a dry run whose
 * five-part report the page shows with a Confirm button; the confirmed post runs the change for real. Every report
 * is shown as it is, so a refusal lists each failing gate and what would satisfy it.
 */
final class ActionForms {
    private final UiEndpoints endpoints;
    private final WebUi ui;

    ActionForms(UiEndpoints endpoints, WebUi ui) {
        this.endpoints = endpoints;
        this.ui = ui;
    }

    void register() {
        endpoints.post("/models/{model}/versions/{version}/decision", this::decide);
        endpoints.post("/models/{model}/versions/{version}/promote", this::promote);
        endpoints.post("/models/{model}/rollback", this::rollback);
        endpoints.post("/models/{model}/aliases", this::setAlias);
    }

    /** The registry recording "via ui" in the audit entries these forms write. */
    private Registry registry() {
        return endpoints.registry().via(WebUi.CHANNEL);
    }

    private void decide(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        GateTarget target = GateTarget.parse(form.required("target", "The target (a stage or alias)"));
        Decision decision = decision(form.required("decision", "The decision (approve or reject)"));
        String comment = form.optional("comment");
        OperationReport report = registry().decide(caller.principal(), model, number, target, decision, comment, false);
        String verb = decision == Decision.APPROVE ? "Approve" : "Reject";
        show(ctx, caller, verb + " " + model + " v" + number + " for " + target, report, null, Map.of(),
                Links.version(model, number));
    }

    private void promote(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        Stage to = Stage.parse(form.required("to", "The target stage"));
        String reasonText = form.required("reason", "A reason");
        Reason reason = Reason.of(reasonText);
        boolean dryRun = !form.confirmed();
        OperationReport report = registry().promote(caller.principal(), model, number, to, reason, dryRun);
        ui.report(ctx, caller, "Promote " + model + " v" + number + " to " + to.label(), report,
                Links.version(model, number) + "/promote", fields(ctx, "to", to.label(), "reason", reasonText),
                Links.version(model, number), "models", fixes(caller, model, number));
    }

    private void rollback(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        Stage stage = Stage.parse(form.required("stage", "The stage to roll back"));
        String reasonText = form.required("reason", "A reason for the rollback");
        String rawTo = form.optional("to");
        VersionNumber to = rawTo == null ? null : VersionNumber.parse(rawTo);
        boolean dryRun = !form.confirmed();
        OperationReport report = registry().rollback(caller.principal(), model, stage, Reason.of(reasonText), to, dryRun);
        show(ctx, caller, "Roll back " + model + " " + stage.label(), report, Links.model(model) + "/rollback",
                fields(ctx, "stage", stage.label(), "reason", reasonText, "to", rawTo), Links.model(model));
    }

    private void setAlias(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName model = ModelName.of(ctx.pathParam("model"));
        AliasName alias = AliasName.of(form.required("alias", "The alias"));
        String rawVersion = form.required("version", "The version");
        VersionNumber number = VersionNumber.parse(rawVersion);
        String reasonText = form.required("reason", "A reason");
        boolean dryRun = !form.confirmed();
        OperationReport report = registry().setAlias(caller.principal(), model, alias, number, Reason.of(reasonText), dryRun);
        ui.report(ctx, caller, "Point alias " + alias.value() + " of " + model + " at v" + number, report,
                Links.model(model) + "/aliases", fields(ctx, "alias", alias.value(), "version", rawVersion, "reason", reasonText),
                Links.model(model), "models", fixes(caller, model, number));
    }

    /** Links from the refusal's failing gates to the version page's forms that fix them, as this caller may use them. */
    static dev.regent.server.ui.view.FixLinks fixes(PrincipalRecord caller, ModelName model, VersionNumber number) {
        return new dev.regent.server.ui.view.FixLinks(Links.version(model, number), Links.model(model),
                caller.has(dev.regent.core.access.Role.CONTRIBUTOR, model), caller.has(dev.regent.core.access.Role.APPROVER, model));
    }

    private void show(Context ctx, PrincipalRecord caller, String heading, OperationReport report, String confirmAction,
                      Map<String, String> confirmFields, String back) {
        ui.report(ctx, caller, heading, report, confirmAction, confirmFields, back, "models");
    }

    /** The confirm form's hidden fields: the same inputs, and the session's CSRF token. */
    private Map<String, String> fields(Context ctx, String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("csrf", ctx.formParam("csrf"));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                out.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }

    private static Decision decision(String raw) {
        try {
            return Decision.valueOf(raw.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegentException.invalid("the decision must be APPROVE or REJECT, got '" + raw + "'");
        }
    }
}
