package dev.regent.store;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.store.IdempotencyRecords.Entry;
import dev.regent.core.store.StoreConflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The idempotency_keys table. A claim is an INSERT, so the primary key (principal, key) decides which of several
 * concurrent requests with the same key goes ahead; the others get a {@link StoreConflict}. Completing sets the
 * status and body of the claimed row; releasing deletes it while it is still in progress; expiring deletes rows
 * created before a cutoff, in progress or not. Keys are 1 to {@value #MAX_KEY_LENGTH} characters without control
 * characters, checked before any SQL runs.
 */
final class IdempotencyRows {
    static final int MAX_KEY_LENGTH = 200;
    static final String IN_USE = "a request with this Idempotency-Key is already in progress or done";

    private final Sql sql;

    IdempotencyRows(Sql sql) {
        this.sql = sql;
    }

    Optional<Entry> find(Principal principal, String key) {
        checkKey(key);
        return sql.first("SELECT request_fingerprint, status, body, created_at FROM idempotency_keys "
                        + "WHERE principal = ? AND key = ?",
                rs -> new Entry(principal, key, Digest.parse(rs.getString(1)), status(rs), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))),
                principal.name(), key);
    }

    void claim(Principal principal, String key, Digest requestFingerprint, Instant at) {
        checkKey(key);
        sql.guardedUpdate(() -> IN_USE,
                "INSERT INTO idempotency_keys (principal, key, request_fingerprint, status, body, created_at) "
                        + "VALUES (?, ?, ?, NULL, NULL, ?)",
                principal.name(), key, requestFingerprint.value(), at.toEpochMilli());
    }

    /** Completes the in-progress claim: NOT_FOUND when there is none, a conflict when it is completed already. */
    void complete(Principal principal, String key, int status, String body) {
        checkKey(key);
        if (status < 100 || status > 599) {
            throw RegentException.invalid("an idempotent outcome needs an HTTP status from 100 to 599, not " + status);
        }
        int changed = sql.update("UPDATE idempotency_keys SET status = ?, body = ? "
                + "WHERE principal = ? AND key = ? AND status IS NULL", status, body, principal.name(), key);
        if (changed == 0) {
            boolean exists = sql.first("SELECT 1 FROM idempotency_keys WHERE principal = ? AND key = ?", rs -> 1,
                    principal.name(), key).isPresent();
            if (exists) {
                throw new StoreConflict("the request with this Idempotency-Key has completed already");
            }
            throw RegentException.notFound("no request holds this Idempotency-Key: it was never claimed, "
                    + "or was released or expired");
        }
    }

    /** Deletes the claim while it is in progress; a completed entry (or none) is left alone. */
    void release(Principal principal, String key) {
        checkKey(key);
        sql.update("DELETE FROM idempotency_keys WHERE principal = ? AND key = ? AND status IS NULL",
                principal.name(), key);
    }

    int expire(Instant before) {
        return sql.update("DELETE FROM idempotency_keys WHERE created_at < ?", before.toEpochMilli());
    }

    static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw RegentException.invalid("an Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw RegentException.invalid("an Idempotency-Key must not contain control characters");
        }
    }

    private static Integer status(ResultSet rs) throws SQLException {
        int status = rs.getInt(2);
        return rs.wasNull() ? null : status;
    }
}
