package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.access.TokenRecord;
import java.time.Instant;

/**
 * A token as listed: never its secret or hash. {@code id, principal, description, created_by, created_at,
 * expires_at (null: never), revoked_at (null: not revoked)}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenWire(String id, String principal, String description, String createdBy, String createdAt,
                        String expiresAt, String revokedAt) {

    public static TokenWire of(TokenRecord t) {
        return new TokenWire(t.id(), t.principal().name(), t.description(), t.createdBy().name(), t.createdAt().toString(),
                str(t.expiresAt()), str(t.revokedAt()));
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
