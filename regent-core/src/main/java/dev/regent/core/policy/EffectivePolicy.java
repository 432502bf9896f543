package dev.regent.core.policy;

import java.util.Objects;

/** The policy in effect: the stored revision and its compiled form, which every gate decision evaluates. */
public record EffectivePolicy(PolicyRevision revision, Policy policy) {
    public EffectivePolicy {
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(policy, "policy");
    }
}
