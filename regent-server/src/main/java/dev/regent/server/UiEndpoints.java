package dev.regent.server;

import dev.regent.api.RegentJson;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.registry.Registry;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the web UI's pages and forms the way {@link Endpoints} registers API routes: each needs its entry in the
 * {@link RouteTable} (so the server still refuses to start with an unlisted route), the caller passes the same
 * coarse {@link Guard} check, and metrics and the access log see every request. What differs is the browser's
 * side, supplied by the UI: who is signed in (a session cookie, not a bearer token), where to send someone who is
 * not, and how an error looks (a page, not JSON).
 */
public final class UiEndpoints {
    private static final Logger LOG = LoggerFactory.getLogger(UiEndpoints.class);

    /** A page or form handler; {@code caller} is null only on public routes. */
    public interface Page {
        void handle(Context ctx, PrincipalRecord caller) throws Exception;
    }

    /** The browser's side of every request, supplied by the UI. */
    public interface Browser {
        /** Security headers and the like, set before the handler runs (and on errors). */
        void prepare(Context ctx);

        /** The principal signed in on this browser, if any (a live session whose token still authenticates). */
        Optional<PrincipalRecord> signedIn(Context ctx);

        /** Answers a request that needs a signed-in principal but has none (typically: redirect to sign in). */
        void signInFirst(Context ctx);

        /** Renders an error page. */
        void error(Context ctx, int status, ErrorCode code, String message, PrincipalRecord caller);
    }

    private final Javalin app;
    private final ServerParts parts;
    private final Guard guard;
    private final Browser browser;

    UiEndpoints(Javalin app, ServerParts parts, Guard guard, Browser browser) {
        this.app = app;
        this.parts = parts;
        this.guard = guard;
        this.browser = browser;
    }

    public Registry registry() {
        return parts.registry();
    }

    public Clock clock() {
        return parts.clock();
    }

    /** The audit log's signer, or empty when the server runs without a signing key. */
    public Optional<CheckpointSigner> audit() {
        return Optional.ofNullable(parts.audit());
    }

    /** The largest artifact upload the server accepts. */
    public long maxUploadBytes() {
        return parts.config().maxUploadBytes();
    }

    /** The operator's template linking run ids to the tracking server (none unless {@code --run-url} is given). */
    public dev.regent.server.ui.RunLinks runLinks() {
        return parts.config().runLinks();
    }

    public void get(String path, Page page) {
        add(HandlerType.GET, path, page);
    }

    public void post(String path, Page page) {
        add(HandlerType.POST, path, page);
    }

    private void add(HandlerType method, String path, Page page) {
        RouteTable.Entry entry = RouteTable.find(method, path).orElseThrow(() -> new IllegalStateException(
                "UI route " + method + " " + path + " has no entry in the route table; add one with its privilege"));
        app.addHttpHandler(method, path, ctx -> run(ctx, entry, page));
        if (method == HandlerType.GET) {
            // HEAD runs the page through the same session check (see Endpoints); Jetty sends no body for HEAD
            app.addHttpHandler(HandlerType.HEAD, path, ctx -> run(ctx, entry, page));
        }
    }

    private void run(Context ctx, RouteTable.Entry entry, Page page) {
        long start = System.nanoTime();
        PrincipalRecord caller = null;
        try {
            browser.prepare(ctx);
            caller = browser.signedIn(ctx).orElse(null);
            if (entry.privilege() != Privilege.PUBLIC) {
                if (caller == null) {
                    browser.signInFirst(ctx);
                    return;
                }
                guard.authorize(ctx, caller, entry.privilege());
            }
            page.handle(ctx, caller);
        } catch (Exception e) {
            fail(ctx, e, caller, entry);
        } finally {
            parts.accessLog().record(parts, ctx, entry, start, caller == null ? "-" : caller.principal().name());
        }
    }

    private void fail(Context ctx, Exception e, PrincipalRecord caller, RouteTable.Entry entry) {
        RegentException r = RegentJson.regentCause(e);
        if (e instanceof ApiException a) {
            browser.error(ctx, a.code().httpStatus(), a.code().coreCode(), a.getMessage(), caller);
        } else if (r != null && r.code() != ErrorCode.INTERNAL) {
            browser.error(ctx, r.code().httpStatus(), r.code(), r.getMessage(), caller);
        } else {
            // the stack trace goes to the log, never to the page
            LOG.error("unexpected error on UI route {} {}", entry.method(), entry.path(), e);
            browser.error(ctx, 500, ErrorCode.INTERNAL, "an unexpected error occurred; the server log has the details", caller);
        }
    }
}
