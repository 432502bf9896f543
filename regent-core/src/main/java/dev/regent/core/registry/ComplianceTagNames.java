package dev.regent.core.registry;

import dev.regent.core.report.Finding;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Truthful tagging: a compliance tag name can never be set as an ordinary key/value tag, where no evidence backs it. */
final class ComplianceTagNames {
    private ComplianceTagNames() {
    }

    static Finding check(Set<String> complianceTags, Map<String, String> ordinaryTags, String where) {
        TreeSet<String> misused = new TreeSet<>(ordinaryTags.keySet());
        misused.retainAll(complianceTags);
        return misused.isEmpty()
                ? Finding.pass("no compliance tag set without evidence", "ordinary tags only")
                : Finding.fail("no compliance tag set without evidence", String.join(", ", misused)
                        + " is a compliance tag and needs evidence: 'regent tag set " + where + " TAG --evidence ID'");
    }
}
