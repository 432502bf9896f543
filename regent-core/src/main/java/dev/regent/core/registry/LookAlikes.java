package dev.regent.core.registry;

import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;

/** How a refusal explains that a name is taken by a model whose name differs only in case or width. */
final class LookAlikes {
    private LookAlikes() {
    }

    static String taken(ModelName wanted, Model holder) {
        return "model '" + holder.name() + "' already exists (created by " + holder.createdBy() + ") and '" + wanted
                + "' differs from it only in case, width or compatibility forms: names are unique ignoring those, so no "
                + "two models can pass for each other; use '" + holder.name() + "', or choose another name";
    }
}
