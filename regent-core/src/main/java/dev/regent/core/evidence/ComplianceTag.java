package dev.regent.core.evidence;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Objects;

/** A compliance claim on a version (e.g. {@code bias_checked}) and the evidence that supports it. */
public record ComplianceTag(ModelName model, VersionNumber version, String tag, EvidenceId evidence, Principal setBy,
                            Instant at) {
    public ComplianceTag {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(at, "at");
        at = Instant.ofEpochMilli(at.toEpochMilli());
    }
}
