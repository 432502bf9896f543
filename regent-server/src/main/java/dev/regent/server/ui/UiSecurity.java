package dev.regent.server.ui;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import io.javalin.http.Context;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The browser-facing defences of the web UI: response headers (a Content-Security-Policy that allows no inline
 * script or style, no framing, no sniffing), the session cookie's attributes, and the two checks every form post
 * passes — same origin (Origin, or Referer when a browser sends no Origin) and the session's CSRF token.
 */
final class UiSecurity {
    static final String SESSION_COOKIE = "regent_session";
    /** A pre-session cookie for the sign-in form, checked against the form's hidden field (double submit). */
    static final String SIGN_IN_COOKIE = "regent_sign_in";
    static final String CSRF_FIELD = "csrf";

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private UiSecurity() {
    }

    /** The headers of every UI response. */
    static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
    }

    /** Whether the request came over TLS (directly, or as a proxy in front of the server says). */
    static boolean secure(Context ctx) {
        String forwarded = ctx.header("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(forwarded == null ? "" : forwarded.trim());
    }

    /** Sets a cookie only this site's own requests carry back, never readable by scripts; Secure under TLS. */
    static void setCookie(Context ctx, String name, String value, long maxAgeSeconds) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
    }

    static void clearCookie(Context ctx, String name) {
        setCookie(ctx, name, "", 0);
    }

    /**
     * Refuses a state-changing request from another origin: the Origin header (or, when absent, the Referer) must
     * name this server as the request's Host header does. A request with neither is refused too: every browser
     * sends one of them on a form post.
     */
    static void requireSameOrigin(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            throw forbidden("the request has no Host header");
        }
        String origin = ctx.header("Origin");
        String source = origin != null ? origin : ctx.header("Referer");
        if (source == null || source.isBlank()) {
            throw forbidden("a form post must come from this site's own pages (no Origin or Referer header)");
        }
        String sourceHost;
        try {
            URI uri = URI.create(source.trim());
            sourceHost = uri.getRawAuthority();
        } catch (IllegalArgumentException e) {
            sourceHost = null;
        }
        if (sourceHost == null || !sourceHost.toLowerCase(Locale.ROOT).equals(host.trim().toLowerCase(Locale.ROOT))) {
            throw forbidden("cross-origin form post refused: it came from '" + source + "', not from this site");
        }
    }

    /** Refuses a form whose CSRF field does not match the expected value (compared in constant time). */
    static void requireCsrf(String expected, String given) {
        if (expected == null || given == null || given.isEmpty()
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            throw forbidden("the form's security token is missing or out of date; reload the page and try again");
        }
    }

    private static RegentException forbidden(String message) {
        return new RegentException(ErrorCode.PERMISSION_DENIED, message);
    }
}
