package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.PolicyRevision;
import java.time.Instant;

/**
 * One revision of the registry's policy, as {@code policy history --json} lists them: {@code revision, digest,
 * source, applied_by, applied_at, reason, yaml} ({@code yaml} is left out of listings: null there).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyRevisionWire(int revision, String digest, String source, String appliedBy, String appliedAt, String reason,
                                 String yaml) {

    public static PolicyRevisionWire of(PolicyRevision r, boolean withText) {
        return new PolicyRevisionWire(r.number(), r.digest().value(), r.source(), r.appliedBy().name(), r.appliedAt().toString(),
                r.reason(), withText ? r.text() : null);
    }

    /** The domain record; a listing's revisions carry no text, so theirs is empty. */
    public PolicyRevision toDomain() {
        return new PolicyRevision(revision, Digest.parse(digest), yaml == null ? "" : yaml, source, Principal.of(appliedBy),
                Instant.parse(appliedAt), reason);
    }
}
