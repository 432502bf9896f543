package dev.regent.core.access;

import dev.regent.core.model.ModelName;
import java.util.Objects;

/** A role held globally ({@code model} null) or for one model. */
public record Grant(Role role, ModelName model) {
    public Grant {
        Objects.requireNonNull(role, "role");
    }

    /** A grant from its text form: a role's label and a model name, or null for a global grant. */
    public static Grant of(String role, String modelOrNull) {
        return new Grant(Role.parse(role), modelOrNull == null ? null : ModelName.of(modelOrNull));
    }

    public static Grant global(Role role) {
        return new Grant(role, null);
    }

    /** Whether this grant applies to the model (a global grant applies to every model). */
    public boolean appliesTo(ModelName target) {
        return model == null || model.equals(target);
    }

    @Override
    public String toString() {
        return role.label() + (model == null ? "" : " on " + model);
    }
}
