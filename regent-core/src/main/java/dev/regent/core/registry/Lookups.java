package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.store.StoreTransaction;

/** Loads what an operation names, or fails with NOT_FOUND and a message that says what is missing. */
final class Lookups {
    private Lookups() {
    }

    static Model model(StoreTransaction tx, ModelName name) {
        return tx.findModel(name).orElseThrow(() -> RegentException.notFound(
                "model '" + name + "' not found (see 'regent model list')"));
    }

    static ModelVersion version(StoreTransaction tx, ModelName name, VersionNumber number) {
        model(tx, name);
        return tx.findVersion(name, number).orElseThrow(() -> RegentException.notFound(
                "version " + number + " of model '" + name + "' not found (see 'regent version list " + Shell.quote(name) + "')"));
    }
}
