package dev.regent.server.ui.view;

import java.time.Instant;

/**
 * One event of a model's feed, as the model page lists it: the audit entry's sequence number (linking to that entry
 * in the audit log), the event's name as receivers see it, who, when, on what, and why.
 */
public record EventItem(long seq, String type, String actor, Instant at, String target, String reason, String auditLink) {
}
