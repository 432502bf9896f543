package dev.regent.core.registry;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.model.Principal;
import java.time.Instant;

/** The audit entry of a refused attempt: the person's reason as given, and why it was refused under "after.refused". */
final class Refusals {
    private Refusals() {
    }

    static AuditEntry entry(Instant now, Principal actor, AuditAction action, String target, String reason, String why) {
        return AuditEntry.draft(now, actor, action, target, AuditOutcome.REFUSED, reason, null, StateMaps.single("refused", why));
    }
}
