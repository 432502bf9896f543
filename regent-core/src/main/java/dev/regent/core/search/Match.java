package dev.regent.core.search;

/**
 * How a predicate compares. LIKE and ILIKE take SQL patterns with MLflow's meaning: '%' any run of characters, '_'
 * one character, every other character literal (there is no escape character); LIKE is case-sensitive, ILIKE not.
 */
public enum Match {
    EQ, NE, LIKE, ILIKE, IN, GT, GE, LT, LE;

    /** Whether this match orders values (numeric fields only). */
    public boolean ordering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /** Whether this match takes a pattern (text fields only). */
    public boolean pattern() {
        return this == LIKE || this == ILIKE;
    }
}
