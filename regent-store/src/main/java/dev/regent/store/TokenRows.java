package dev.regent.store;

import dev.regent.core.access.TokenRecord;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The tokens table: bearer tokens by the hash of their secret. Tokens are never deleted; revoking sets
 * revoked_at once, and a second revoke keeps the first time. A principal's tokens come back oldest first
 * (creation time, then insertion order).
 */
final class TokenRows {
    private static final String COLUMNS =
            "id, principal, secret_hash, description, created_by, created_at, expires_at, revoked_at";
    private static final String ORDER = " ORDER BY created_at, seq";

    private final Sql sql;

    TokenRows(Sql sql) {
        this.sql = sql;
    }

    /**
     * Inserts a token. A duplicate id or secret hash is a {@link dev.regent.core.store.StoreConflict}; a principal
     * that does not exist is refused by the foreign key and reported as NOT_FOUND, like a grant for one.
     */
    void insert(TokenRecord t) {
        sql.guardedUpdate(() -> "token " + t.id() + " cannot be stored: a token with this id or secret already exists",
                () -> RegentException.notFound("principal '" + t.principal() + "' does not exist"),
                "INSERT INTO tokens (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.id(), t.principal().name(), t.secretHash().value(), t.description(), t.createdBy().name(),
                t.createdAt().toEpochMilli(), millis(t.expiresAt()), millis(t.revokedAt()));
    }

    Optional<TokenRecord> byHash(Digest secretHash) {
        return sql.first("SELECT " + COLUMNS + " FROM tokens WHERE secret_hash = ?", TokenRows::row, secretHash.value());
    }

    Optional<TokenRecord> find(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM tokens WHERE id = ?", TokenRows::row, id);
    }

    /** The principal's tokens, or everyone's for null, oldest first. */
    List<TokenRecord> list(Principal principal) {
        return principal == null
                ? sql.list("SELECT " + COLUMNS + " FROM tokens" + ORDER, TokenRows::row)
                : sql.list("SELECT " + COLUMNS + " FROM tokens WHERE principal = ?" + ORDER, TokenRows::row,
                        principal.name());
    }

    /** Sets revoked_at unless it is set already; NOT_FOUND for an unknown id. */
    void revoke(String id, Instant at) {
        int changed = sql.update("UPDATE tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
                at.toEpochMilli(), id);
        if (changed == 0) {
            throw RegentException.notFound("token " + id + " does not exist");
        }
    }

    private static Object millis(Instant at) {
        return at == null ? new Sql.Null(java.sql.Types.BIGINT) : at.toEpochMilli();
    }

    private static TokenRecord row(ResultSet rs) throws SQLException {
        return new TokenRecord(rs.getString(1), Principal.of(rs.getString(2)), Digest.parse(rs.getString(3)),
                rs.getString(4), Principal.of(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7),
                instant(rs, 8));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
