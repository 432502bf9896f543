package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyParser;

/**
 * The body of {@code POST /api/v1/policy}: a policy to put in effect, either as YAML text ({@code yaml}, with an
 * optional {@code source} naming where it came from, e.g. its file name) or as an earlier revision's number
 * ({@code revision}: that revision's policy again, as a new revision), and the required {@code reason}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PolicyApply(String yaml, String source, Integer revision, String reason) {
    public PolicyApply {
        Reason.of(Requests.required("reason", reason));
        if ((yaml == null) == (revision == null)) {
            throw RegentException.invalid("give the policy either as 'yaml' (its text) or as 'revision' (an earlier "
                    + "revision's number), not both and not neither");
        }
        if (source != null && (source.isBlank() || source.length() > 200 || source.chars().anyMatch(Character::isISOControl))) {
            throw RegentException.invalid("'source' names where the policy came from in 1-200 printable characters");
        }
        if (yaml != null) {
            PolicyParser.parse(yaml, source());
        }
    }

    /** Where the text came from, as the revision records it. */
    public String source() {
        return source == null ? "policy sent over the API" : source;
    }

    /** The policy, parsed and compiled (null when an earlier revision is named). */
    public Policy toPolicy() {
        return yaml == null ? null : PolicyParser.parse(yaml, source());
    }

    public Reason toReason() {
        return Reason.of(reason);
    }
}
