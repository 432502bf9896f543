package dev.regent.store;

import dev.regent.core.event.Event;
import dev.regent.core.model.ModelName;
import dev.regent.core.store.StoreFailure;
import dev.regent.core.store.WebhookRecords;
import dev.regent.core.webhook.AttemptOutcome;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Subscription;
import dev.regent.core.webhook.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The webhook and outbox part of a store transaction, kept apart from {@link JdbcStoreTransaction} (which extends
 * it) so the outbox stays one concept in one file. Writes are refused in a read transaction, as everywhere.
 */
abstract class OutboxTransaction implements WebhookRecords {
    private final boolean readOnlyOutbox;
    private final WebhookRows webhooks;
    private final OutboxRows outbox;

    OutboxTransaction(Sql sql, boolean readOnly, dev.regent.store.secrets.SecretSeal seal) {
        this.readOnlyOutbox = readOnly;
        this.webhooks = new WebhookRows(sql, seal);
        this.outbox = new OutboxRows(sql);
    }

    @Override
    public void insertWebhook(Webhook webhook) {
        write("insertWebhook");
        webhooks.insert(webhook);
    }

    @Override
    public Optional<Webhook> findWebhook(String id) {
        return webhooks.find(id);
    }

    @Override
    public List<Webhook> listWebhooks(ModelName model) {
        return webhooks.list(model);
    }

    @Override
    public List<Subscription> subscriptionsFor(String model) {
        return webhooks.subscriptionsFor(model);
    }

    @Override
    public void updateWebhook(Webhook webhook) {
        write("updateWebhook");
        webhooks.update(webhook);
    }

    @Override
    public void deleteWebhook(String id, Instant at) {
        write("deleteWebhook");
        webhooks.delete(id, at);
    }

    @Override
    public void renameWebhookScope(ModelName from, ModelName to) {
        write("renameWebhookScope");
        webhooks.renameScope(from, to);
    }

    @Override
    public void insertEvent(Event event) {
        write("insertEvent");
        outbox.insertEvent(event);
    }

    @Override
    public void insertDeliveries(List<Delivery> deliveries) {
        write("insertDeliveries");
        outbox.insertDeliveries(deliveries);
    }

    @Override
    public List<Event> events(long afterSeq, int limit) {
        return limit <= 0 ? List.of() : outbox.events(afterSeq, limit);
    }

    @Override
    public List<Delivery> deliveries(String webhookId, long beforeSeq, int limit) {
        return limit <= 0 ? List.of() : outbox.deliveries(webhookId, beforeSeq, limit);
    }

    @Override
    public Optional<Delivery> findDelivery(String id) {
        return outbox.find(id);
    }

    @Override
    public List<DeliveryAttempt> attempts(String deliveryId) {
        return outbox.attempts(deliveryId);
    }

    @Override
    public void requeueDelivery(String deliveryId, Instant at) {
        write("requeueDelivery");
        outbox.requeue(deliveryId, at);
    }

    @Override
    public List<Delivery> claimDeliveries(String node, Instant now, Instant leaseUntil, int limit) {
        write("claimDeliveries");
        return limit <= 0 ? List.of() : outbox.claim(node, now, leaseUntil, limit);
    }

    @Override
    public List<Delivery> dueDeliveries(Instant now, int limit) {
        return limit <= 0 ? List.of() : outbox.due(now, limit);
    }

    @Override
    public void recordAttempts(List<AttemptOutcome> outcomes, Instant now) {
        write("recordAttempts");
        outbox.recordAttempts(outcomes, now);
    }

    @Override
    public int releaseLeases() {
        write("releaseLeases");
        return outbox.releaseLeases();
    }

    @Override
    public void flagWebhook(String id, Instant at, String reason) {
        write("flagWebhook");
        webhooks.flag(id, at, reason);
    }

    @Override
    public Optional<Instant> nextDue() {
        return outbox.nextDue();
    }

    private void write(String method) {
        if (readOnlyOutbox) {
            throw new StoreFailure("cannot " + method + " inside a read-only store transaction: use inTransaction for writes",
                    new IllegalStateException("write attempted through RegistryStore.read"));
        }
    }
}
