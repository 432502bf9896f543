package dev.regent.core.evidence;

import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Objects;

/** That evidence was withdrawn: by whom, when, why. Revoked evidence stays for audit but supports nothing. */
public record Revocation(Principal by, Instant at, String reason) {
    public Revocation {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }
}
