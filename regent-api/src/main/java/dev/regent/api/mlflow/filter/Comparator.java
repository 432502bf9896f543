package dev.regent.api.mlflow.filter;

import java.util.Locale;
import java.util.Optional;

/** The comparators of MLflow's registry search filters. Numeric ones apply to numeric attributes only. */
public enum Comparator {
    EQ("="), NE("!="), LIKE("LIKE"), ILIKE("ILIKE"), IN("IN"), GT(">"), GE(">="), LT("<"), LE("<=");

    private final String symbol;

    Comparator(String symbol) {
        this.symbol = symbol;
    }

    /** How the comparator is written in a filter. */
    public String symbol() {
        return symbol;
    }

    /** Whether this comparator orders values (only numeric attributes support it). */
    public boolean ordering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** The comparator written as {@code text} (keywords case-insensitively), if it is one. */
    static Optional<Comparator> of(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        for (Comparator c : values()) {
            if (c.symbol.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
