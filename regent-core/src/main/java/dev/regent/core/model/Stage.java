package dev.regent.core.model;

import dev.regent.core.error.RegentException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The lifecycle state of a version. Staging and Production hold at most one version per model. */
public enum Stage {
    NONE("None", false),
    STAGING("Staging", true),
    PRODUCTION("Production", true),
    ARCHIVED("Archived", false);

    private final String label;
    private final boolean exclusive;

    Stage(String label, boolean exclusive) {
        this.label = label;
        this.exclusive = exclusive;
    }

    /** The name used everywhere outside the code: in the CLI, the API, the database and the audit log. */
    public String label() {
        return label;
    }

    /** Whether at most one version of a model may hold this stage. */
    public boolean exclusive() {
        return exclusive;
    }

    /** Parses a stage name, case-insensitively; the error lists the allowed names. */
    public static Stage parse(String text) {
        for (Stage s : values()) {
            if (s.label.equalsIgnoreCase(text == null ? "" : text.trim())) {
                return s;
            }
        }
        throw RegentException.invalid("unknown stage '" + Check.printable(String.valueOf(text)) + "': allowed stages are "
                + Arrays.stream(values()).map(Stage::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
