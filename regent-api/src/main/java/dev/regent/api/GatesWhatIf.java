package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.error.RegentException;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;

/**
 * The body of {@code POST …/gates/what-if}: a target and a policy that is NOT in effect ({@code yaml}, with an
 * optional {@code source} naming it), to see how the version would fare under it. Nothing is changed or applied.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GatesWhatIf(String target, String yaml, String source) {
    public GatesWhatIf {
        GateTarget.parse(Requests.required("target", target));
        PolicyParser.parse(Requests.required("yaml", yaml), source == null ? "what-if policy" : source);
        if (source != null && (source.isBlank() || source.length() > 200 || source.chars().anyMatch(Character::isISOControl))) {
            throw RegentException.invalid("'source' names where the policy came from in 1-200 printable characters");
        }
    }

    public GateTarget toTarget() {
        return GateTarget.parse(target);
    }

    public Policy toPolicy() {
        return PolicyParser.parse(yaml, source == null ? "what-if policy" : source);
    }
}
