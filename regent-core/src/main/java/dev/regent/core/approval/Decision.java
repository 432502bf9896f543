package dev.regent.core.approval;

/** A reviewer's verdict on a version for a target. */
public enum Decision {
    APPROVE,
    REJECT
}
