package dev.regent.core.lifecycle;

/** Why a version changed stage; rollback needs to know which holders were rolled back away from. */
public enum TransitionCause {
    /** A requested promotion (or demotion) of this version. */
    PROMOTION,
    /** The version left an exclusive stage because another version was promoted into it. */
    DISPLACED,
    /** The version returned to a stage by a rollback. */
    ROLLBACK,
    /** The version was removed from a stage by a rollback: it is not known-good for that stage any more. */
    ROLLED_BACK
}
