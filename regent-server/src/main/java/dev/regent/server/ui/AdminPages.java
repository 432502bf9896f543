package dev.regent.server.ui;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.TokenIssued;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.PrincipalsView;
import dev.regent.server.ui.view.TokenView;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * People and their tokens: admins list principals, add one with a role (globally or on one model) and issue tokens;
 * anyone signed in may issue a token for themselves. A new token's secret is shown once, on the page that answers
 * the form (never in a URL), and is stored only as its hash.
 */
final class AdminPages {
    static final long MAX_TOKEN_DAYS = 366;

    private final UiEndpoints endpoints;
    private final WebUi ui;
    private final Templates templates;

    AdminPages(UiEndpoints endpoints, WebUi ui, Templates templates) {
        this.endpoints = endpoints;
        this.ui = ui;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/principals", this::principals);
        endpoints.post("/principals", this::addPrincipal);
        endpoints.post("/principals/tokens", this::issueToken);
        endpoints.post("/principals/revoke", this::revokeGrant);
    }

    private void principals(Context ctx, PrincipalRecord caller) {
        templates.render(ctx, 200, "principals", new PrincipalsView(ui.frame(ctx, caller, "Principals", "principals"),
                endpoints.registry().access().principals(caller.principal()),
                Arrays.stream(PrincipalKind.values()).map(k -> k.name().toLowerCase(Locale.ROOT)).toList(),
                Arrays.stream(Role.values()).map(Role::label).toList()));
    }

    private void addPrincipal(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        Principal subject = Principal.of(form.required("name", "The principal's name"));
        PrincipalKind kind = kind(form.required("kind", "The kind of principal"));
        Role role = Role.parse(form.required("role", "The role"));
        String model = form.optional("model");
        Grant grant = model == null ? Grant.global(role) : new Grant(role, ModelName.of(model));
        ui.report(ctx, caller, "Add principal " + subject.name(), endpoints.registry().via(WebUi.CHANNEL)
                .access().addPrincipal(caller.principal(), subject, kind, grant, false), null, Map.of(), "/principals", "principals");
    }

    /**
     * Takes one grant away, previewed first (a dry run with Confirm). The form's one field names the grant as
     * {@code principal|role|model}: a principal's name and a role never hold '|', so the model is all that follows.
     */
    private void revokeGrant(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String raw = form.required("grant", "The role to take away");
        String[] parts = raw.split("\\|", 3);
        if (parts.length < 2) {
            throw RegentException.invalid("choose a principal's role to take away");
        }
        Principal subject = Principal.of(parts[0]);
        Role role = Role.parse(parts[1]);
        Grant grant = parts.length < 3 || parts[2].isEmpty() ? Grant.global(role) : new Grant(role, ModelName.of(parts[2]));
        ui.report(ctx, caller, "Take " + grant + " away from " + subject.name(), endpoints.registry().via(WebUi.CHANNEL)
                .access().revokeGrant(caller.principal(), subject, grant, !form.confirmed()), "/principals/revoke",
                Map.of("csrf", ctx.formParam("csrf"), "grant", raw), "/principals", "principals");
    }

    private void issueToken(Context ctx, PrincipalRecord caller) {
        ui.checkForm(ctx);
        UiForm form = new UiForm(ctx);
        String name = form.optional("principal");
        Principal subject = name == null ? caller.principal() : Principal.of(name);
        String rawDays = form.optional("days");
        Duration lifetime = null;
        if (rawDays != null) {
            try {
                long days = Long.parseLong(rawDays);
                if (days < 1 || days > MAX_TOKEN_DAYS) {
                    throw RegentException.invalid("a token lives between 1 and " + MAX_TOKEN_DAYS + " days, got " + days);
                }
                lifetime = Duration.ofDays(days);
            } catch (NumberFormatException e) {
                throw RegentException.invalid("the lifetime is a number of days, got '" + rawDays + "'");
            }
        }
        TokenIssued issued = endpoints.registry().via(WebUi.CHANNEL).access().issueToken(caller.principal(), subject, lifetime,
                form.optional("description"), false);
        int status = issued.report().refusalCode().map(c -> c.httpStatus()).orElse(200);
        templates.render(ctx, status, "token", new TokenView(ui.frame(ctx, caller, "Token for " + subject.name(), "principals"),
                subject.name(), issued.tokenId(), issued.secret().orElse(null), issued.report()));
    }

    private static PrincipalKind kind(String raw) {
        try {
            return PrincipalKind.valueOf(raw.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RegentException.invalid("the kind must be user, service or agent, got '" + raw + "'");
        }
    }
}
