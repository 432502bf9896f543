package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryStatus;
import dev.regent.core.webhook.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * Sends a delivery again, whatever its status: it becomes pending and due at once, with the same delivery id (the
 * receiver's deduplication key) and its earlier attempts kept.
 */
final class Redeliver extends Mutation {
    private final Principal actor;
    private final Webhook webhook;
    private final Delivery delivery;

    Redeliver(Principal actor, Webhook webhook, Delivery delivery) {
        this.actor = actor;
        this.webhook = webhook;
        this.delivery = delivery;
    }

    @Override
    ModelName model() {
        return webhook.model();
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        return new Plan("webhook redeliver", List.of("Send delivery " + delivery.id() + " (event " + delivery.seq() + ") to "
                        + webhook.url() + " again, now, with the same delivery id.", "Record a webhook.redeliver audit entry."),
                List.of(webhook.enabled() ? Finding.pass("webhook enabled", webhook.id())
                        : Finding.fail("webhook enabled", "webhook " + webhook.id() + " is disabled; enable it with "
                        + "'regent webhook enable " + webhook.id() + "'")));
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.requeueDelivery(delivery.id(), now);
        TreeMap<String, String> after = new TreeMap<>();
        after.put("delivery", delivery.id());
        after.put("status", DeliveryStatus.PENDING.label());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.WEBHOOK_REDELIVER, AuditTarget.webhook(webhook.id()),
                AuditOutcome.APPLIED, "", StateMaps.single("status", delivery.status().label()), after);
        return new Applied(List.of(new Change("delivery", delivery.id(), delivery.status().label() + " -> pending")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.equal("delivery status", DeliveryStatus.PENDING,
                tx.findDelivery(delivery.id()).map(Delivery::status).orElse(null)));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A delivery on its way cannot be recalled; receivers deduplicate by its id.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.WEBHOOK_REDELIVER, AuditTarget.webhook(webhook.id()), "", why);
    }

    @Override
    String appliedSummary() {
        return "Delivery " + delivery.id() + " will be sent again now.";
    }

    @Override
    String plannedSummary() {
        return "delivery " + delivery.id() + " would be sent again.";
    }
}
