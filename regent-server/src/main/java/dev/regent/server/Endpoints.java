package dev.regent.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.model.Digest;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Optional;

/**
 * Registers routes with Javalin, each wrapped the same way: look up its privilege in the {@link RouteTable} (a
 * route without an entry cannot be registered), authenticate and authorize, apply Idempotency-Key on creating
 * POSTs, render the reply, map errors, then record metrics and one access-log line ({@link AccessLog}).
 */
public final class Endpoints {
    /** A route's work: translate the call, delegate to the Registry, return the reply. */
    public interface Endpoint {
        Reply handle(Call call) throws Exception;
    }

    private enum Kind { PLAIN, CREATE, CREATE_OR_UPLOAD }

    private final Javalin app;
    private final ServerParts parts;
    private final Guard guard;
    private final Idempotency idempotency;
    private final ErrorMapping errors;
    private final boolean basicAuth;

    Endpoints(Javalin app, ServerParts parts, Guard guard, Idempotency idempotency, ErrorMapping errors) {
        this(app, parts, guard, idempotency, errors, false);
    }

    private Endpoints(Javalin app, ServerParts parts, Guard guard, Idempotency idempotency, ErrorMapping errors,
                      boolean basicAuth) {
        this.app = app;
        this.parts = parts;
        this.guard = guard;
        this.idempotency = idempotency;
        this.errors = errors;
        this.basicAuth = basicAuth;
    }

    /**
     * The same registration for another API surface (the MLflow API): its own error mapper, and HTTP Basic
     * credentials (a Regent token as the password) accepted besides bearer tokens.
     */
    Endpoints surface(ErrorMapping surfaceErrors, boolean acceptBasic) {
        return new Endpoints(app, parts, guard, idempotency, surfaceErrors, acceptBasic);
    }

    /** The native error mapper, for surfaces that translate its answers. */
    ErrorMapping errors() {
        return errors;
    }

    public void get(String path, Endpoint endpoint) {
        add(HandlerType.GET, path, Kind.PLAIN, endpoint);
    }

    public void post(String path, Endpoint endpoint) {
        add(HandlerType.POST, path, Kind.PLAIN, endpoint);
    }

    /** A creating POST: honours Idempotency-Key. */
    void create(String path, Endpoint endpoint) {
        add(HandlerType.POST, path, Kind.CREATE, endpoint);
    }

    /** A creating POST whose body is JSON or, with any other content type, an upload streamed to the blob store. */
    void createOrUpload(String path, Endpoint endpoint) {
        add(HandlerType.POST, path, Kind.CREATE_OR_UPLOAD, endpoint);
    }

    void put(String path, Endpoint endpoint) {
        add(HandlerType.PUT, path, Kind.PLAIN, endpoint);
    }

    public void patch(String path, Endpoint endpoint) {
        add(HandlerType.PATCH, path, Kind.PLAIN, endpoint);
    }

    public void delete(String path, Endpoint endpoint) {
        add(HandlerType.DELETE, path, Kind.PLAIN, endpoint);
    }

    private void add(HandlerType method, String path, Kind kind, Endpoint endpoint) {
        RouteTable.Entry entry = RouteTable.find(method, path).orElseThrow(() -> new IllegalStateException(
                "route " + method + " " + path + " has no entry in the route table; add one with its privilege"));
        app.addHttpHandler(method, path, ctx -> run(ctx, entry, kind, endpoint));
        if (method == HandlerType.GET) {
            // deny by default for HEAD too: left to Javalin, a HEAD on a GET route answers 200 without running the
            // handler, so without authentication; run the GET (Jetty sends no body for HEAD)
            app.addHttpHandler(HandlerType.HEAD, path, ctx -> run(ctx, entry, kind, endpoint));
        }
    }

    private void run(Context ctx, RouteTable.Entry entry, Kind kind, Endpoint endpoint) {
        long start = System.nanoTime();
        String principal = "-";
        try {
            PrincipalRecord caller = guard.admit(ctx, entry.privilege(), basicAuth);
            if (caller != null) {
                principal = caller.principal().name();
            }
            Call call = new Call(ctx, caller, parts);
            String key = kind == Kind.PLAIN ? null : ctx.header(Idempotency.HEADER);
            if (key == null) {
                write(ctx, endpoint.handle(call));
            } else {
                idempotent(ctx, call, kind, key, endpoint);
            }
        } catch (Exception e) {
            ErrorMapping.Mapped mapped = errors.map(e, entry.method() + " " + entry.path());
            ctx.status(mapped.status());
            mapped.headers().forEach(ctx::header);
            ctx.contentType("application/json");
            ctx.result(render(mapped.body()));
        } finally {
            parts.accessLog().record(parts, ctx, entry, start, principal);
        }
    }

    private void idempotent(Context ctx, Call call, Kind kind, String key, Endpoint endpoint) throws Exception {
        Idempotency.checkKey(key);
        Digest body = kind == Kind.CREATE_OR_UPLOAD && !call.isJsonBody() ? call.upload() : Digest.sha256Of(call.body());
        Digest fingerprint = Idempotency.fingerprint(ctx.method().name(), ctx.path(), ctx.queryString(), body);
        Optional<Idempotency.Stored> stored = idempotency.claimOrReplay(call.actor(), key, fingerprint);
        if (stored.isPresent()) {
            ctx.status(stored.get().status());
            ctx.header("Idempotent-Replayed", "true");
            ctx.contentType("application/json");
            ctx.result(stored.get().body());
            return;
        }
        Reply reply;
        try {
            reply = endpoint.handle(call);
        } catch (Exception | Error e) {
            idempotency.release(call.actor(), key);
            throw e;
        }
        String sent = write(ctx, reply);
        if (reply.status() < 500 && sent != null) {
            idempotency.complete(call.actor(), key, reply.status(), reply.replayJson() != null ? render(reply.replayJson()) : sent);
        } else {
            idempotency.release(call.actor(), key);
        }
    }

    /** Writes the reply; returns the JSON text sent, if it was JSON. A null reply was written by its endpoint (a stream). */
    private String write(Context ctx, Reply reply) {
        if (reply == null) {
            return null;
        }
        ctx.status(reply.status());
        reply.headers().forEach(ctx::header);
        ctx.contentType(reply.contentType());
        if (reply.contentType() != null && reply.contentType().startsWith("text/html")) {
            // HTML from the API (a card rendered from user Markdown) runs nothing and loads nothing but images, even
            // when opened directly; the UI's own pages carry their own policy (UiSecurity)
            ctx.header("Content-Security-Policy", "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; sandbox");
        }
        if (reply.json() != null && reply.hot()) {
            ctx.result(parts.rendered().of(reply.json()));
            return null; // a hot read is a GET: never an idempotent create that would store the text
        }
        if (reply.json() != null) {
            String text = render(reply.json());
            ctx.result(text);
            return text;
        }
        if (reply.text() != null) {
            ctx.result(reply.text());
        } else if (reply.stream() != null) {
            ctx.result(reply.stream());
        }
        return null;
    }

    private String render(Object body) {
        try {
            return parts.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a reply", e);
        }
    }
}
