package dev.regent.core.policy;

import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.Objects;

/**
 * One numbered revision of the registry's policy: its YAML text as applied, its canonical digest
 * ({@link PolicyCanonicalForm}), where the text came from (a file name, or "built-in default"), who applied it, when
 * and why. Revisions are immutable; the highest number is the policy in effect.
 */
public record PolicyRevision(int number, Digest digest, String text, String source, Principal appliedBy, Instant appliedAt,
                             String reason) {
    public PolicyRevision {
        if (number < 1) {
            throw new IllegalArgumentException("policy revisions are numbered from 1, got " + number);
        }
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(appliedAt, "appliedAt");
        reason = reason == null ? "" : reason;
        appliedAt = Instant.ofEpochMilli(appliedAt.toEpochMilli());
    }

    /** "revision 3 (sha256:ab12cd34…)" for reports. */
    public String label() {
        return "revision " + number + " (" + digest.shortForm() + ")";
    }
}
