package dev.regent.core.access;

import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token of a principal, as stored: never the secret itself, only its SHA-256 ({@code secretHash}, which is
 * null when the token was read through the API: hashes never leave the server). {@code expiresAt} and
 * {@code revokedAt} are null when the token does not expire or is not revoked.
 */
public record TokenRecord(String id, Principal principal, Digest secretHash, String description, Principal createdBy,
                          Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public TokenRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        description = description == null ? "" : description;
        createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
        expiresAt = expiresAt == null ? null : Instant.ofEpochMilli(expiresAt.toEpochMilli());
        revokedAt = revokedAt == null ? null : Instant.ofEpochMilli(revokedAt.toEpochMilli());
    }

    /** Whether the token authenticates at the given time: not revoked and not expired. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
