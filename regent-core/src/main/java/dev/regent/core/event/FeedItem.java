package dev.regent.core.event;

import dev.regent.core.audit.AuditEntry;

/** One event of the feed with the audit entry it derives from (its actor, reason, before and after). */
public record FeedItem(Event event, AuditEntry entry) {
}
