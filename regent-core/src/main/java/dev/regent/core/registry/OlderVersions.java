package dev.regent.core.registry;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The verification every change makes: the versions that existed before it are all still there (one read). */
final class OlderVersions {
    private OlderVersions() {
    }

    static Finding stillPresent(StoreTransaction tx, ModelName model, List<ModelVersion> before) {
        return stillPresentExcept(tx, model, before, null);
    }

    /** Same, but a version the change itself deleted is not expected to be there. */
    static Finding stillPresentExcept(StoreTransaction tx, ModelName model, List<ModelVersion> before, VersionNumber deleted) {
        Set<VersionNumber> now = VersionPages.all(tx, model).stream().map(ModelVersion::number).collect(Collectors.toSet());
        List<String> missing = before.stream()
                .map(ModelVersion::number)
                .filter(n -> !n.equals(deleted) && !now.contains(n))
                .map(VersionNumber::toString)
                .collect(Collectors.toList());
        int expected = before.size() - (deleted == null ? 0 : 1);
        return missing.isEmpty()
                ? Finding.pass("older versions still present", expected + " earlier version(s) intact")
                : Finding.fail("older versions still present", "missing after commit: " + String.join(", ", missing));
    }
}
