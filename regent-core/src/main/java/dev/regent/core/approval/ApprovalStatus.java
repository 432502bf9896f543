package dev.regent.core.approval;

/** An approval as it counts now: current, stale (what was reviewed has changed), or superseded by a later decision. */
public enum ApprovalStatus {
    CURRENT,
    STALE,
    SUPERSEDED
}
