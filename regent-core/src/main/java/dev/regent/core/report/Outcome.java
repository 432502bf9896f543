package dev.regent.core.report;

/** How an operation ended: applied, only planned (dry run), or refused by a rule. */
public enum Outcome {
    APPLIED,
    PLANNED,
    REFUSED
}
