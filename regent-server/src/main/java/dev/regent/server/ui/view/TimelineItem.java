package dev.regent.server.ui.view;

import dev.regent.core.audit.AuditEntry;

/** One stage change or refused attempt on a model's timeline, from the audit log, with what it means in words. */
public record TimelineItem(AuditEntry entry, String headline, String gates) {
    public boolean refused() {
        return entry.outcome() == dev.regent.core.audit.AuditOutcome.REFUSED;
    }
}
