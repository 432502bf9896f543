package dev.regent.server.ui;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions, in this node's memory: a random 256-bit identifier in an HttpOnly cookie maps to the
 * token the browser signed in with. Sessions end after {@link #IDLE} without a request, {@link #LIFETIME} after
 * sign-in, at sign-out, or when the server restarts; the store holds at most {@link #MAX_SESSIONS}.
 *
 * <p>Kept in memory on purpose: a session is only a shortcut to a token, and tokens (with their expiry and
 * revocation) live in the database, so losing sessions costs a sign-in and nothing else. Several nodes behind a
 * load balancer need sticky sessions for the UI.
 */
final class UiSessions {
    static final Duration IDLE = Duration.ofHours(1);
    static final Duration LIFETIME = Duration.ofHours(12);
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Map<String, UiSession> sessions = new ConcurrentHashMap<>();

    UiSessions(Clock clock) {
        this.clock = clock;
    }

    /** A new random value for an identifier or a CSRF token: 256 bits, URL-safe. */
    static String randomValue() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Starts a session for a token that has just authenticated; always a fresh identifier (no fixation). */
    UiSession start(String token) {
        Instant now = clock.instant();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                // the oldest sign-in gives way: a flood of sign-ins cannot grow memory without bound
                sessions.values().stream().min(java.util.Comparator.comparing(UiSession::started))
                        .ifPresent(oldest -> sessions.remove(oldest.id()));
            }
        }
        UiSession session = new UiSession(randomValue(), token, randomValue(), now, now);
        sessions.put(session.id(), session);
        return session;
    }

    /** The live session with this identifier (its idle clock restarted), or empty when unknown or expired. */
    Optional<UiSession> find(String id) {
        if (id == null || id.isEmpty()) {
            return Optional.empty();
        }
        UiSession session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        UiSession touched = session.touched(now);
        sessions.put(id, touched);
        return Optional.of(touched);
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static boolean expired(UiSession s, Instant now) {
        return !now.isBefore(s.lastSeen().plus(IDLE)) || !now.isBefore(s.started().plus(LIFETIME));
    }
}
