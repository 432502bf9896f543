package dev.regent.server.ui;

import dev.regent.core.error.RegentException;
import io.javalin.http.Context;

/** The fields of a posted form, read with the limits and messages a person can act on. */
final class UiForm {
    static final int MAX_FIELD = 4000;

    private final Context ctx;

    UiForm(Context ctx) {
        this.ctx = ctx;
    }

    /** A field that must be present and not blank; {@code label} is how the page names it. */
    String required(String name, String label) {
        String value = optional(name);
        if (value == null) {
            throw RegentException.invalid(label + " is required");
        }
        return value;
    }

    /** A field's trimmed value, or null when absent or blank. */
    String optional(String name) {
        String value = ctx.formParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FIELD) {
            throw RegentException.invalid("the field '" + name + "' is longer than " + MAX_FIELD + " characters");
        }
        return value.trim();
    }

    /** Whether the form confirms a previewed change (the report page's Confirm button). */
    boolean confirmed() {
        return "yes".equals(ctx.formParam("confirm"));
    }

    /**
     * A longer text field (a description, a list of tags) as sent, "" when absent, at most {@code max} characters;
     * blank is a value here (it clears a description).
     */
    String text(String name, int max) {
        String value = ctx.formParam(name);
        if (value == null) {
            return "";
        }
        if (value.length() > max) {
            throw RegentException.invalid("the field '" + name + "' is longer than " + max + " characters");
        }
        return value;
    }
}
