package dev.regent.server.ui;

import java.time.Instant;

/**
 * One signed-in browser: the token it signed in with (kept so every request re-authenticates it, and a revoked or
 * expired token ends the session at once), the CSRF token its forms carry, and when it started and was last used.
 */
record UiSession(String id, String token, String csrf, Instant started, Instant lastSeen) {
    UiSession touched(Instant now) {
        return new UiSession(id, token, csrf, started, now);
    }

    @Override
    public String toString() {
        // never the token or the identifiers: sessions may end up in a log line
        return "UiSession[started=" + started + "]";
    }
}
