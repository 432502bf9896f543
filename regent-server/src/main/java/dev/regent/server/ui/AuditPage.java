package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.AuditView;
import io.javalin.http.Context;
import java.util.List;
import java.util.stream.Stream;

/** The audit log filtered by model, actor and action, the latest checkpoint, and verifying the whole log on request. */
final class AuditPage {
    static final int PAGE = 100;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;
    /** "Verify now" recomputes the whole log: one at a time, whoever asks. */
    private final Object verifying = new Object();

    AuditPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/audit", this::audit);
    }

    private Registry registry() {
        return endpoints.registry();
    }

    private void audit(Context ctx, PrincipalRecord caller) {
        String model = QueryParams.trimmed(ctx.queryParam("model"));
        String actor = QueryParams.trimmed(ctx.queryParam("actor"));
        String action = QueryParams.trimmed(ctx.queryParam("action"));
        // newest first; "before" is the cursor of the older pages (the smallest sequence number shown so far)
        long before = QueryParams.cursor(ctx.queryParam("before"));
        AuditQuery query = AuditQuery.newestFirst(model == null ? null : ModelName.of(model), actor == null ? null : Principal.of(actor),
                action == null ? null : AuditAction.fromWireName(action), before == 0 ? Long.MAX_VALUE : before, PAGE);
        List<AuditEntry> entries = registry().governance().audit(caller.principal(), query);
        String older = entries.size() < PAGE ? null : Links.withQuery("/audit", Links.params("model", model, "actor", actor,
                "action", action, "before", Long.toString(entries.get(entries.size() - 1).seq())));
        String newest = before == 0 ? null : Links.withQuery("/audit", Links.params("model", model, "actor", actor, "action", action));
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
                actor == null ? "" : actor, action == null ? "" : action, actions, entries, older, newest, signer != null, checkpoint,
                verification, verifyLink));
    }
}
