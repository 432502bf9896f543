package dev.regent.server.ui.view;

import dev.regent.core.report.Finding;
import java.util.List;

/** Every gate for moving a version to one target, each passed or failed with why (and what would satisfy it). */
public record Checklist(String target, String policy, List<Finding> gates) {
    /** The core's findings for a target: the "policy in effect" line becomes {@code policy}, the rest are the gates. */
    public static Checklist of(String target, List<Finding> findings) {
        String policy = findings.stream().filter(f -> f.check().equals("policy in effect")).map(Finding::detail)
                .findFirst().orElse(null);
        return new Checklist(target, policy, findings.stream().filter(f -> !f.check().equals("policy in effect")).toList());
    }

    /** An HTML id for this target's list. */
    public String id() {
        return "checklist-" + target.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    public boolean passes() {
        return gates.stream().allMatch(Finding::passed);
    }

    public long failing() {
        return gates.stream().filter(g -> !g.passed()).count();
    }
}
