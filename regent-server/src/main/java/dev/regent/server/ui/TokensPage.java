package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.model.Principal;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.TokensView;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tokens: everyone sees and may revoke their own; admins see everyone's (or one principal's with
 * {@code ?principal=NAME}) and may revoke any. Revoking is a dry run first, then Confirm; the registry decides who
 * may revoke what, whatever the page offered. A revoked token's sessions end at their next request.
 */
final class TokensPage {
    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    TokensPage(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/tokens", this::tokens);
        endpoints.post("/tokens/revoke", this::revoke);
    }

    private void tokens(Context ctx, PrincipalRecord caller) {
        boolean admin = caller.has(Role.ADMIN, null);
        String raw = QueryParams.trimmed(ctx.queryParam("principal"));
        // a non-admin asking for someone else's tokens gets the registry's refusal, not a silently different list
        Principal of = raw != null ? Principal.of(raw) : admin ? null : caller.principal();
        List<TokenRecord> tokens = endpoints.registry().access().tokens(caller.principal(), of).stream()
                .sorted(Comparator.comparing(TokenRecord::createdAt).reversed()).toList();
        templates.render(ctx, 200, "tokens", new TokensView(ui.frame(ctx, caller, "Tokens", "tokens"), tokens,
                raw == null ? "" : raw, admin, ui.session(ctx).map(UiSession::token).map(TokensPage::hashOf).orElse(null),
                endpoints.clock().instant()));
    }

    private void revoke(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String id = form.required("token", "The token's id");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", ctx.formParam("csrf"));
        fields.put("token", id);
        ui.report(ctx, caller, "Revoke token " + id, endpoints.registry().via(WebUi.CHANNEL).access()
                .revokeToken(caller.principal(), id, !form.confirmed()), "/tokens/revoke", fields, "/tokens", "tokens");
    }

    /** The stored hash of this session's own token, so the page can mark it ("this session"). */
    private static String hashOf(String secret) {
        return dev.regent.core.access.TokenSecret.hash(secret).value();
    }
}
