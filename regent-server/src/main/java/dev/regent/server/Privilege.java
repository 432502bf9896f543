package dev.regent.server;

import dev.regent.core.access.Role;

/**
 * What a route needs at the HTTP layer. The core checks roles again, precisely, for every call; this layer refuses
 * early and makes sure no route is reachable by accident (deny by default).
 */
enum Privilege {
    /** No credentials: health, readiness, metrics, the OpenAPI document. */
    PUBLIC(null),
    /** Any valid token (whoami, one's own tokens, the policy). */
    AUTHENTICATED(null),
    VIEWER(Role.VIEWER),
    CONTRIBUTOR(Role.CONTRIBUTOR),
    APPROVER(Role.APPROVER),
    ADMIN(Role.ADMIN);

    private final Role role;

    Privilege(Role role) {
        this.role = role;
    }

    /** The role required, or null for PUBLIC and AUTHENTICATED. */
    Role role() {
        return role;
    }
}
