package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Objects;

/**
 * The answer to creating a token: {@code token} (the secret, shown this once; null on a dry run), {@code id},
 * {@code expires_at} (null: never) and the operation {@code report}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TokenCreatedWire(String token, String id, String expiresAt, ReportWire report) {
    public TokenCreatedWire {
        Objects.requireNonNull(report, "report");
    }
}
