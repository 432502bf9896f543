package dev.regent.core.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What changes between two policies, as their canonical lines: "- line" for each line only the old one has, then
 * "+ line" for each line only the new one has. Empty when they mean the same.
 */
public final class PolicyDiff {
    private PolicyDiff() {
    }

    public static List<String> between(Policy before, Policy after) {
        Set<String> old = new LinkedHashSet<>(PolicyCanonicalForm.lines(before));
        Set<String> now = new LinkedHashSet<>(PolicyCanonicalForm.lines(after));
        List<String> diff = new ArrayList<>();
        old.stream().filter(l -> !now.contains(l)).forEach(l -> diff.add("- " + l));
        now.stream().filter(l -> !old.contains(l)).forEach(l -> diff.add("+ " + l));
        return diff;
    }
}
