package dev.regent.core.registry;

import dev.regent.core.model.ModelName;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.store.VersionSummary;

/**
 * The verification every change makes: the versions that existed before it are all still there. It compares the
 * live count (one query, whatever the number of versions) with what the change should have left.
 */
final class OlderVersions {
    private OlderVersions() {
    }

    /** After a change that added {@code added} versions (1 for a registration, -1 for a deletion, 0 otherwise). */
    static Finding stillPresent(StoreTransaction tx, ModelName model, VersionSummary before, int added) {
        VersionSummary now = tx.versionSummary(model);
        int expected = before.liveCount() + added;
        int earlier = before.liveCount() - (added < 0 ? -added : 0);
        return now.liveCount() == expected
                ? Finding.pass("older versions still present", earlier + " earlier version(s) intact")
                : Finding.fail("older versions still present", "expected " + expected + " live version(s) after the change, found "
                        + now.liveCount());
    }
}
