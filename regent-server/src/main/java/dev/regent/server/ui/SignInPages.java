package dev.regent.server.ui;

import dev.regent.core.error.RegentException;
import dev.regent.server.UiEndpoints;
import dev.regent.server.ui.view.Frame;
import dev.regent.server.ui.view.SignInView;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Sign-in and sign-out. A token is exchanged for a session cookie (HttpOnly, SameSite=Strict, Secure under TLS);
 * the token never reaches a URL or a page. The sign-in form itself is protected against login CSRF by a
 * double-submit value (a cookie and a hidden field that must match) and the same-origin check.
 */
final class SignInPages {
    private final UiEndpoints endpoints;
    private final UiSessions sessions;
    private final Templates templates;

    SignInPages(UiEndpoints endpoints, UiSessions sessions, Templates templates) {
        this.endpoints = endpoints;
        this.sessions = sessions;
        this.templates = templates;
    }

    void register() {
        endpoints.get("/sign-in", (ctx, caller) -> form(ctx, 200, null));
        endpoints.post("/sign-in", (ctx, caller) -> signIn(ctx));
        endpoints.post("/sign-out", (ctx, caller) -> signOut(ctx));
    }

    private void form(Context ctx, int status, String problem) {
        String formToken = UiSessions.randomValue();
        UiSecurity.setCookie(ctx, UiSecurity.SIGN_IN_COOKIE, formToken, 3600);
        String next = Links.safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        templates.render(ctx, status, "signin", new SignInView(new Frame("Sign in", null, null, "", false), formToken, next, problem));
    }

    private void signIn(Context ctx) {
        UiSecurity.requireSameOrigin(ctx);
        UiSecurity.requireCsrf(ctx.cookie(UiSecurity.SIGN_IN_COOKIE), ctx.formParam("form"));
        String token = ctx.formParam("token");
        if (token == null || token.isBlank()) {
            form(ctx, 400, "Paste a token to sign in.");
            return;
        }
        try {
            endpoints.registry().access().authenticate(token.trim());
        } catch (RegentException e) {
            // one answer for unknown, malformed, expired and revoked tokens, as on the API
            form(ctx, 401, "That token is not valid: it is unknown, expired or revoked.");
            return;
        }
        String old = ctx.cookie(UiSecurity.SESSION_COOKIE);
        sessions.end(old);
        UiSession session = sessions.start(token.trim());
        UiSecurity.setCookie(ctx, UiSecurity.SESSION_COOKIE, session.id(), UiSessions.LIFETIME.toSeconds());
        UiSecurity.clearCookie(ctx, UiSecurity.SIGN_IN_COOKIE);
        ctx.redirect(Links.safeNext(ctx.formParam("next")), HttpStatus.SEE_OTHER);
    }

    private void signOut(Context ctx) {
        UiSecurity.requireSameOrigin(ctx);
        String id = ctx.cookie(UiSecurity.SESSION_COOKIE);
        UiSecurity.requireCsrf(sessions.find(id).map(UiSession::csrf).orElse(null), ctx.formParam(UiSecurity.CSRF_FIELD));
        sessions.end(id);
        UiSecurity.clearCookie(ctx, UiSecurity.SESSION_COOKIE);
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }
}
