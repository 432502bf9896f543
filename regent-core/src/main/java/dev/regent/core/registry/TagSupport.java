package dev.regent.core.registry;

import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.policy.Policy;
import java.util.List;
import java.util.Optional;

/** A compliance tag with whether it is supported right now, and why not when it isn't. */
public record TagSupport(ComplianceTag tag, boolean supported, String why) {

    static TagSupport of(ComplianceTag tag, List<Evidence> evidence, Policy policy) {
        Optional<Evidence> backing = evidence.stream().filter(e -> e.id().equals(tag.evidence())).findFirst();
        if (backing.isEmpty()) {
            return new TagSupport(tag, false, "its evidence " + tag.evidence() + " is not attached to this version");
        }
        if (backing.get().revoked()) {
            return new TagSupport(tag, false, "its evidence " + tag.evidence() + " was revoked: " + backing.get().revocation().reason());
        }
        if (!policy.complianceTags().getOrDefault(tag.tag(), List.of()).contains(backing.get().kind())) {
            return new TagSupport(tag, false, backing.get().kind() + " evidence does not support " + tag.tag() + " under the current policy");
        }
        return new TagSupport(tag, true, "backed by " + backing.get().kind() + " " + tag.evidence());
    }
}
