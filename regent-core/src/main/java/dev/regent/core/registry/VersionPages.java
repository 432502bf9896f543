package dev.regent.core.registry;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.List;

/** Reads all live versions of a model page by page, for rules that must see every version. */
final class VersionPages {
    static final int PAGE = 1000;

    private VersionPages() {
    }

    static List<ModelVersion> all(StoreTransaction tx, ModelName model) {
        List<ModelVersion> all = new ArrayList<>();
        int after = 0;
        while (true) {
            List<ModelVersion> page = tx.listVersions(model, after, PAGE);
            all.addAll(page);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).number().value();
        }
    }
}
