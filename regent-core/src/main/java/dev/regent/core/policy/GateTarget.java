package dev.regent.core.policy;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Stage;
import java.util.Objects;

/**
 * What gates guard and approvals are for: a stage, or an alias. Written "Production" or "alias:champion" when
 * stored; people may type a stage name or an alias name, and a stage name wins.
 */
public record GateTarget(Stage stage, AliasName alias) {
    public GateTarget {
        if ((stage == null) == (alias == null)) {
            throw new IllegalArgumentException("a gate target is either a stage or an alias");
        }
    }

    public static GateTarget of(Stage stage) {
        return new GateTarget(Objects.requireNonNull(stage), null);
    }

    public static GateTarget of(AliasName alias) {
        return new GateTarget(null, Objects.requireNonNull(alias));
    }

    /** Parses what a person typed after --for: a stage name (any case) or an alias name. */
    public static GateTarget parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegentException.invalid("a target is required: a stage (Staging, Production, …) or an alias name");
        }
        if (text.startsWith("alias:")) {
            return of(AliasName.of(text.substring("alias:".length())));
        }
        String typed = text.trim();
        for (Stage s : Stage.values()) {
            if (s.label().equalsIgnoreCase(typed)) {
                return of(s);
            }
        }
        for (Stage s : Stage.values()) {
            // "prod" or "stag" is a stage someone abbreviated far more often than an alias; approving it as an alias
            // would record a sign-off nobody meant. An alias of that name is still reachable as alias:NAME.
            if (typed.length() >= 3 && s.label().toLowerCase(java.util.Locale.ROOT).startsWith(typed.toLowerCase(java.util.Locale.ROOT))) {
                throw RegentException.invalid("'" + typed + "' looks like the stage " + s.label() + " abbreviated: write "
                        + s.label() + " for the stage, or alias:" + typed + " for an alias named '" + typed + "'");
            }
        }
        try {
            return of(AliasName.of(typed));
        } catch (RegentException e) {
            throw RegentException.invalid("'" + text + "' is neither a stage (None, Staging, Production, Archived) nor a valid alias name");
        }
    }

    /** The stored form: "Production" or "alias:champion". */
    public String wire() {
        return stage != null ? stage.label() : "alias:" + alias.value();
    }

    @Override
    public String toString() {
        return stage != null ? stage.label() : "alias " + alias.value();
    }
}
