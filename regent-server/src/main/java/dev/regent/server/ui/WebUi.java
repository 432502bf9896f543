package dev.regent.server.ui;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.Registry;
import dev.regent.server.UiEndpoints;
import dev.regent.core.report.OperationReport;
import dev.regent.server.ui.view.ErrorView;
import dev.regent.server.ui.view.Frame;
import dev.regent.server.ui.view.ReportView;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The web UI: server-rendered pages over the same {@link dev.regent.core.registry.Registry} calls as every other
 * transport, signed in by session cookie. This class is the browser's side of each request (sessions, security
 * headers, error pages) and registers the pages; the pages themselves live in {@link SignInPages},
 * {@link ModelsPage}, {@link ModelPage}, {@link VersionPage}, {@link AuditPage}, {@link PolicyPage}, {@link ActionForms},
 * {@link ContentForms}, {@link AdminPages}, {@link EditForms}, {@link ComparePage}, {@link CardRevisionsPage} and
 * {@link TokensPage}.
 */
public final class WebUi implements UiEndpoints.Browser {
    /** The channel recorded in the audit entries of changes made through the UI. */
    static final String CHANNEL = "ui";
    private static final String SESSION_ATTRIBUTE = "regent.ui.session";

    private static final Map<String, String> STATIC = Map.of(
            "regent.css", "text/css; charset=utf-8",
            "regent.js", "text/javascript; charset=utf-8");

    private final Registry registry;
    private final UiSessions sessions;
    private final Templates templates = new Templates();
    private final dev.regent.server.webhook.WebhookPing ping;
    private final dev.regent.core.webhook.DestinationCheck destinations;

    /**
     * {@code ping} sends a webhook's test ping, as the API's test route does; {@code destinations} is the server's
     * rule for where webhooks may deliver, checked when one is created or changed, as on the API.
     */
    public WebUi(Registry registry, Clock clock, dev.regent.server.webhook.WebhookPing ping,
                 dev.regent.core.webhook.DestinationCheck destinations) {
        this.registry = registry;
        this.sessions = new UiSessions(clock);
        this.ping = ping;
        this.destinations = destinations;
    }

    /** Adds the UI's pages and forms to the server. */
    public void register(UiEndpoints endpoints) {
        endpoints.get("/static/{file}", (ctx, caller) -> staticFile(ctx));
        new SignInPages(endpoints, sessions, templates).register();
        new ModelsPage(endpoints, this, templates).register();
        new ModelPage(endpoints, this, templates).register();
        new VersionPage(endpoints, this, templates).register();
        new AuditPage(endpoints, this, templates).register();
        new PolicyPage(endpoints, this, templates).register();
        new ActionForms(endpoints, this).register();
        new ContentForms(endpoints, this).register();
        new AdminPages(endpoints, this, templates).register();
        new EditForms(endpoints, this).register();
        new ComparePage(endpoints, this, templates).register();
        new CardRevisionsPage(endpoints, this, templates).register();
        new TokensPage(endpoints, this, templates).register();
        new WebhookPages(endpoints, this, templates, ping, destinations).register();
    }

    @Override
    public void prepare(Context ctx) {
        UiSecurity.headers(ctx);
    }

    @Override
    public Optional<PrincipalRecord> signedIn(Context ctx) {
        return session(ctx).flatMap(s -> {
            try {
                return Optional.of(registry.access().authenticate(s.token()));
            } catch (RegentException e) {
                // the token expired or was revoked since sign-in: the session ends with it
                sessions.end(s.id());
                return Optional.empty();
            }
        });
    }

    @Override
    public void signInFirst(Context ctx) {
        String method = ctx.method().name();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            error(ctx, 401, ErrorCode.UNAUTHENTICATED, "your session has ended; sign in again, then repeat the change", null);
            return;
        }
        String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.redirect(Links.withQuery("/sign-in", Links.params("next", next)), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    @Override
    public void error(Context ctx, int status, ErrorCode code, String message, PrincipalRecord caller) {
        templates.render(ctx, status, "error", new ErrorView(frame(ctx, caller, "Error", ""), status, code.name(),
                code.meaning(), message, submitted(ctx), formPage(ctx)));
    }

    /** Fields never echoed on an error page: the CSRF token, the sign-in token and form, the confirmation flag. */
    private static final java.util.Set<String> UNECHOED = java.util.Set.of(UiSecurity.CSRF_FIELD, "token", "form", "confirm");

    /** What a failed form post carried, so the person need not type it again (POSTs only; files are not echoed). */
    private static java.util.List<Map.Entry<String, String>> submitted(Context ctx) {
        String type = ctx.contentType();
        if (!"POST".equals(ctx.method().name()) || type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            // multipart uploads are streamed (and may be large): not read again here
            return java.util.List.of();
        }
        java.util.List<Map.Entry<String, String>> out = new java.util.ArrayList<>();
        try {
            ctx.formParamMap().forEach((name, values) -> {
                if (!UNECHOED.contains(name)) {
                    values.stream().filter(v -> v != null && !v.isBlank())
                            .forEach(v -> out.add(Map.entry(name, v.length() > UiForm.MAX_FIELD ? v.substring(0, UiForm.MAX_FIELD) + "…" : v)));
                }
            });
        } catch (RuntimeException e) {
            // a body that cannot be read as a form (too large, malformed): nothing to show
            return java.util.List.of();
        }
        return out;
    }

    /** The page the failed form was on: the Referer's path when it names this site, else null. */
    private static String formPage(Context ctx) {
        if (!"POST".equals(ctx.method().name())) {
            return null;
        }
        String referer = ctx.header("Referer");
        String host = ctx.header("Host");
        if (referer == null || host == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(referer);
            String path = uri.getRawPath();
            if (!host.equalsIgnoreCase(uri.getRawAuthority()) || path == null || !path.startsWith("/") || path.startsWith("//")) {
                return null;
            }
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The live session of this request, if any. */
    Optional<UiSession> session(Context ctx) {
        // looked up (and its idle clock restarted) once per request, then kept on the request
        UiSession known = ctx.attribute(SESSION_ATTRIBUTE);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<UiSession> found = sessions.find(ctx.cookie(UiSecurity.SESSION_COOKIE));
        found.ifPresent(s -> ctx.attribute(SESSION_ATTRIBUTE, s));
        return found;
    }

    /**
     * A change's five-part report page: 200 for a plan or an applied change, the refusal's status for a refusal.
     * With {@code confirmAction}, a planned change offers the form that confirms it with {@code confirmFields}.
     */
    void report(Context ctx, PrincipalRecord caller, String heading, OperationReport report, String confirmAction,
                Map<String, String> confirmFields, String back, String nav) {
        report(ctx, caller, heading, report, confirmAction, confirmFields, back, nav, null);
    }

    /** As above; {@code fixes} (nullable) offers the UI's form beside each failing gate's fix hint. */
    void report(Context ctx, PrincipalRecord caller, String heading, OperationReport report, String confirmAction,
                Map<String, String> confirmFields, String back, String nav, dev.regent.server.ui.view.FixLinks fixes) {
        int status = report.refusalCode().map(c -> c.httpStatus()).orElse(200);
        templates.render(ctx, status, "report", new ReportView(frame(ctx, caller, heading, nav), heading, report,
                confirmAction, confirmFields, back, fixes));
    }

    /** The page frame for the signed-in caller (null on public pages). */
    Frame frame(Context ctx, PrincipalRecord caller, String title, String nav) {
        if (caller == null) {
            return new Frame(title, null, null, nav, false);
        }
        return new Frame(title, caller.principal().name(), session(ctx).map(UiSession::csrf).orElse(""), nav,
                caller.grants().stream().anyMatch(g -> g.model() == null && g.role().includes(dev.regent.core.access.Role.ADMIN)));
    }

    /** A form post's same-origin and CSRF checks, against the caller's session. */
    void checkForm(Context ctx) {
        UiSecurity.requireSameOrigin(ctx);
        UiSecurity.requireCsrf(session(ctx).map(UiSession::csrf).orElse(null), ctx.formParam(UiSecurity.CSRF_FIELD));
    }

    private void staticFile(Context ctx) {
        String file = ctx.pathParam("file");
        String type = STATIC.get(file);
        if (type == null) {
            throw RegentException.notFound("no such file: " + file);
        }
        try (InputStream in = WebUi.class.getResourceAsStream("/regent-ui/" + file)) {
            if (in == null) {
                throw RegentException.notFound("no such file: " + file);
            }
            ctx.contentType(type);
            ctx.header("Cache-Control", "public, max-age=300");
            ctx.result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
