package dev.regent.server;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.Registry;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Map;

/**
 * Authentication (bearer tokens, through {@link Registry#authenticate}) and the HTTP layer's coarse authorization
 * from the route table. On routes naming a model, a caller who may not read it is told it does not exist (404),
 * exactly like a missing model; elsewhere a missing role is a 403. The core checks the precise rule again.
 */
final class Guard {
    private final Registry registry;

    Guard(Registry registry) {
        this.registry = registry;
    }

    /**
     * The caller, or null on a public route; throws UNAUTHENTICATED, NOT_FOUND or PERMISSION_DENIED. With
     * {@code acceptBasic}, HTTP Basic credentials are accepted too: the password is the token, and the user name must
     * be empty or the token's principal.
     */
    PrincipalRecord admit(Context ctx, Privilege privilege, boolean acceptBasic) {
        if (privilege == Privilege.PUBLIC) {
            return null;
        }
        PrincipalRecord caller = acceptBasic && isBasic(ctx) ? basic(ctx) : registry.access().authenticate(bearer(ctx));
        return authorize(ctx, caller, privilege);
    }

    /**
     * The coarse check of an already authenticated caller (by token or, for the web UI, by session): the route's
     * role on the model the path names, or anywhere for routes that name none.
     */
    PrincipalRecord authorize(Context ctx, PrincipalRecord caller, Privilege privilege) {
        Role role = privilege.role();
        if (role == null) {
            return caller;
        }
        String rawModel = ctx.pathParamMap().get("model");
        if (rawModel != null) {
            ModelName model = ModelName.of(rawModel);
            if (!caller.has(Role.VIEWER, model)) {
                throw RegentException.notFound("model '" + model + "' not found (see 'regent model list')");
            }
            if (!caller.has(role, model)) {
                throw denied(caller, role, "on '" + model + "' (or globally)");
            }
            return caller;
        }
        boolean anywhere = caller.grants().stream().anyMatch(g -> g.role().includes(role));
        if (!anywhere) {
            throw denied(caller, role, "");
        }
        return caller;
    }

    private static RegentException denied(PrincipalRecord caller, Role role, String where) {
        return new RegentException(ErrorCode.PERMISSION_DENIED, "principal '" + caller.principal() + "' needs the "
                + role.label() + " role" + (where.isEmpty() ? "" : " " + where) + "; it has "
                + (caller.grants().isEmpty() ? "no roles" : caller.grants()), Map.of("required_role", role.label()));
    }

    private static boolean isBasic(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.trim().toLowerCase(Locale.ROOT).startsWith("basic ");
    }

    private PrincipalRecord basic(Context ctx) {
        String encoded = ctx.header("Authorization").trim().substring(6).trim();
        String decoded;
        try {
            decoded = new String(java.util.Base64.getDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "malformed Basic credentials: expected base64 of user:token");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "malformed Basic credentials: expected base64 of user:token");
        }
        String user = decoded.substring(0, colon);
        PrincipalRecord caller = registry.access().authenticate(decoded.substring(colon + 1));
        if (!user.isEmpty() && !user.equals(caller.principal().name())) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "the user name of the Basic credentials is not the "
                    + "principal of the token; use the principal's name or leave it empty");
        }
        return caller;
    }

    /** The bearer token of the request (UNAUTHENTICATED when there is none). */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "this request needs 'Authorization: Bearer <token>'; "
                    + "create a token with 'regent token create PRINCIPAL'");
        }
        String h = header.trim();
        if (!h.regionMatches(true, 0, "bearer ", 0, 7)) {
            throw new RegentException(ErrorCode.UNAUTHENTICATED, "only bearer tokens are accepted: 'Authorization: Bearer <token>'");
        }
        return h.substring(7).trim();
    }
}
