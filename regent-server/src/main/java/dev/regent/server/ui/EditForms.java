package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.Registry;
import dev.regent.core.report.Outcome;
import dev.regent.core.report.OperationReport;
import dev.regent.core.lifecycle.Reason;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.EditStamp;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forms that edit or remove: a model's or a version's description and tags, renaming a model, deleting a model
 * or a version, removing an alias or a compliance tag. Each is a dry run first, whose report the page shows with a Confirm button that posts the same
 * inputs again for real; the registry checks the role, the rules and (for edits) that nothing changed since the
 * form was read, whatever the page showed.
 */
final class EditForms {
    /** The longest description or tag list an edit form takes (the registry's own limits apply as well). */
    static final int MAX_TEXT = 64 * 1024;

    private final UiEndpoints endpoints;
    private final WebUi ui;

    EditForms(UiEndpoints endpoints, WebUi ui) {
        this.endpoints = endpoints;
        this.ui = ui;
    }

    void register() {
        endpoints.post("/models/{model}/edit", this::editModel);
        endpoints.post("/models/{model}/rename", this::rename);
        endpoints.post("/models/{model}/delete", this::deleteModel);
        endpoints.post("/models/{model}/versions/{version}/edit", this::editVersion);
        endpoints.post("/models/{model}/versions/{version}/delete", this::deleteVersion);
        endpoints.post("/models/{model}/aliases/delete", this::deleteAlias);
        endpoints.post("/models/{model}/versions/{version}/tags/remove", this::removeComplianceTag);
    }

    private void deleteAlias(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        String rawAlias = form.required("alias", "The alias to remove");
        dev.regent.core.model.AliasName alias = dev.regent.core.model.AliasName.of(rawAlias);
        String reason = form.required("reason", "A reason for removing the alias");
        OperationReport report = registry().deleteAlias(caller.principal(), name, alias, Reason.of(reason), !form.confirmed());
        ui.report(ctx, caller, "Remove alias " + alias.value() + " of " + name, report, Links.model(name) + "/aliases/delete",
                fields(ctx, "alias", rawAlias, "reason", reason), Links.model(name), "models");
    }

    private void removeComplianceTag(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        String tag = form.required("tag", "The compliance tag to remove");
        String reason = form.required("reason", "A reason for removing the compliance tag");
        OperationReport report = registry().removeComplianceTag(caller.principal(), name, number, tag, Reason.of(reason),
                !form.confirmed());
        ui.report(ctx, caller, "Remove compliance tag " + tag + " from " + name + " v" + number, report,
                Links.version(name, number) + "/tags/remove", fields(ctx, "tag", tag, "reason", reason),
                Links.version(name, number), "models");
    }

    /** The registry recording "via ui" in the audit entries these forms write. */
    private Registry registry() {
        return endpoints.registry().via(WebUi.CHANNEL);
    }

    private void editModel(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        String read = form.required("read", "What the form was read as (reload the page and edit again)");
        String description = form.text("description", MAX_TEXT);
        String tags = form.text("tags", MAX_TEXT);
        Model current = registry().model(caller.principal(), name);
        Annotations change = TagLines.change(current.description(), current.tags(), description, tags);
        OperationReport report = registry().updateModel(caller.principal(), name, change,
                m -> EditStamp.of(m).equals(read), !form.confirmed());
        ui.report(ctx, caller, "Edit " + name, report, Links.model(name) + "/edit",
                fields(ctx, "description", description, "tags", tags, "read", read), Links.model(name), "models");
    }

    private void editVersion(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        String read = form.required("read", "What the form was read as (reload the page and edit again)");
        String description = form.text("description", MAX_TEXT);
        String tags = form.text("tags", MAX_TEXT);
        ModelVersion current = registry().version(caller.principal(), name, number);
        Annotations change = TagLines.change(current.description(), current.tags(), description, tags);
        OperationReport report = registry().updateVersion(caller.principal(), name, number, change,
                v -> EditStamp.of(v).equals(read), !form.confirmed());
        ui.report(ctx, caller, "Edit " + name + " v" + number, report, Links.version(name, number) + "/edit",
                fields(ctx, "description", description, "tags", tags, "read", read),
                Links.version(name, number), "models");
    }

    private void rename(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName from = ModelName.of(ctx.pathParam("model"));
        String rawTo = form.required("to", "The new name");
        ModelName to = ModelName.of(rawTo);
        String reason = form.required("reason", "A reason for the rename");
        Reason.of(reason);
        OperationReport report = registry().renameModel(caller.principal(), from, to, reason, !form.confirmed());
        // once renamed, the old page is gone: Back leads to the model under its new name
        String back = report.outcome() == Outcome.APPLIED ? Links.model(to) : Links.model(from);
        ui.report(ctx, caller, "Rename " + from + " to " + to, report, Links.model(from) + "/rename",
                fields(ctx, "to", rawTo, "reason", reason), back, "models");
    }

    private void deleteModel(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        String reason = form.required("reason", "A reason for the deletion");
        OperationReport report = registry().deleteModel(caller.principal(), name, Reason.of(reason), !form.confirmed());
        String back = report.outcome() == Outcome.APPLIED ? "/" : Links.model(name);
        ui.report(ctx, caller, "Delete " + name, report, Links.model(name) + "/delete", fields(ctx, "reason", reason),
                back, "models");
    }

    private void deleteVersion(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        ModelName name = ModelName.of(ctx.pathParam("model"));
        VersionNumber number = VersionNumber.parse(ctx.pathParam("version"));
        String reason = form.required("reason", "A reason for the deletion");
        OperationReport report = registry().deleteVersion(caller.principal(), name, number, Reason.of(reason), !form.confirmed());
        String back = report.outcome() == Outcome.APPLIED ? Links.model(name) : Links.version(name, number);
        ui.report(ctx, caller, "Delete " + name + " v" + number, report, Links.version(name, number) + "/delete",
                fields(ctx, "reason", reason), back, "models");
    }

    /** The confirm form's hidden fields: the same inputs, and the session's CSRF token. */
    private static Map<String, String> fields(Context ctx, String... keyValues) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("csrf", ctx.formParam("csrf"));
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                out.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return out;
    }
}
