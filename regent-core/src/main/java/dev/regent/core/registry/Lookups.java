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
        return tx.findModel(name).orElseThrow(() -> notFound(name));
    }

    private static RegentException notFound(ModelName name) {
        return RegentException.notFound("model '" + name + "' not found (see 'regent model list')");
    }

    /** Refuses a model that does not exist, with the same answer as {@link #model}, without reading it. */
    static void requireModel(StoreTransaction tx, ModelName name) {
        if (!tx.modelExists(name)) {
            throw notFound(name);
        }
    }

    static ModelVersion version(StoreTransaction tx, ModelName name, VersionNumber number) {
        requireModel(tx, name);
        return tx.findVersion(name, number).orElseThrow(() -> RegentException.notFound(
                "version " + number + " of model '" + name + "' not found (see 'regent version list " + Shell.quote(name) + "')"));
    }
}
