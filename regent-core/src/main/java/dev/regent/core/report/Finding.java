package dev.regent.core.report;

import java.util.Objects;

/**
 * One checked statement in a report: a precondition of the plan or a verification after the commit.
 * {@code passed} says whether it held; {@code detail} says what was seen.
 */
public record Finding(String check, boolean passed, String detail) {
    public Finding {
        Objects.requireNonNull(check, "check");
        detail = detail == null ? "" : detail;
    }

    public static Finding pass(String check, String detail) {
        return new Finding(check, true, detail);
    }

    public static Finding fail(String check, String detail) {
        return new Finding(check, false, detail);
    }
}
