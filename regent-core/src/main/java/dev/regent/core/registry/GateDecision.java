package dev.regent.core.registry;

import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.GateSet;
import dev.regent.core.report.Finding;
import java.util.List;

/**
 * The outcome of evaluating a target's gates: the policy revision they came from, which gate set applied, and one
 * finding per gate. Reports show the revision; audit entries record it (see {@link MutationRunner}).
 */
record GateDecision(EffectivePolicy policy, GateSet gateSet, List<Finding> findings) {
    GateDecision {
        findings = List.copyOf(findings);
    }

    /** The findings a plan shows: which policy was applied, then every gate. */
    List<Finding> withPolicy() {
        List<Finding> all = new java.util.ArrayList<>();
        all.add(PolicyInEffect.finding(policy, gateSet));
        all.addAll(findings);
        return all;
    }

    boolean passed() {
        return findings.stream().allMatch(Finding::passed);
    }
}
