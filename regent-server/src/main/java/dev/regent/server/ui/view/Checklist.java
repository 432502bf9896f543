package dev.regent.server.ui.view;

import dev.regent.core.report.Finding;
import java.util.List;

/** Every gate for moving a version to one target, each passed or failed with why (and what would satisfy it). */
public record Checklist(String target, List<Finding> gates) {
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
