package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.TagSupport;
import java.time.Instant;

/**
 * A compliance tag with whether it is supported now: {@code tag, evidence, set_by, at, supported, why}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TagWire(String tag, String evidence, String setBy, String at, boolean supported, String why) {

    public static TagWire of(TagSupport s) {
        ComplianceTag t = s.tag();
        return new TagWire(t.tag(), t.evidence().value(), t.setBy().name(), t.at().toString(), s.supported(), s.why());
    }

    public TagSupport toDomain(ModelName model, VersionNumber version) {
        return new TagSupport(new ComplianceTag(model, version, tag, EvidenceId.parse(evidence), Principal.of(setBy),
                Instant.parse(at)), supported, why);
    }
}
