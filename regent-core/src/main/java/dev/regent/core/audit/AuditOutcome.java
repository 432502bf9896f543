package dev.regent.core.audit;

/** Whether the recorded attempt changed the registry or was refused by a rule. */
public enum AuditOutcome {
    APPLIED,
    REFUSED
}
