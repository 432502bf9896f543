package dev.regent.server.ui.view;

import dev.regent.core.access.TokenRecord;
import java.time.Instant;
import java.util.List;

/**
 * The tokens page: the tokens listed (never their secrets), the principal filter as given, whether the viewer is an
 * admin (who sees everyone's), the hash of the session's own token (to mark it) and the time now (to say expired).
 */
public record TokensView(Frame frame, List<TokenRecord> tokens, String principal, boolean admin, String ownHash, Instant now) {
    /** live, expired or revoked. */
    public String state(TokenRecord t) {
        if (t.revokedAt() != null) {
            return "revoked";
        }
        return t.expiresAt() != null && !t.expiresAt().isAfter(now) ? "expired" : "live";
    }

    /** Whether this token is the one this browser session signed in with. */
    public boolean current(TokenRecord t) {
        return ownHash != null && t.secretHash() != null && ownHash.equals(t.secretHash().value());
    }
}
