package dev.regent.core.store;

import dev.regent.core.event.Event;
import dev.regent.core.model.ModelName;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.AttemptOutcome;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.Subscription;
import dev.regent.core.webhook.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks, the event outbox and deliveries. Events are written in the transaction of the change they tell (see
 * {@code Outbox}); deliveries are claimed by one node at a time under a lease that another node takes over once it
 * expires, so a node that dies mid-delivery loses nothing.
 */
public interface WebhookRecords {

    /** Inserts a webhook; {@link StoreConflict} on a duplicate id. */
    void insertWebhook(Webhook webhook);

    /** The webhook of that id unless deleted. */
    Optional<Webhook> findWebhook(String id);

    /** Webhooks not deleted, oldest first: those of one model (null for every webhook). */
    List<Webhook> listWebhooks(ModelName model);

    /**
     * What the enabled webhooks that may subscribe to events of this model (registry-wide ones and the model's own)
     * subscribe to, oldest first; no URLs or secrets (a change only decides who gets its event).
     */
    List<Subscription> subscriptionsFor(String model);

    /** Replaces a webhook's mutable fields (url, events, format, description, secrets, enabled, flag, updated time). */
    void updateWebhook(Webhook webhook);

    /** Marks the webhook deleted (its deliveries stay for history; pending ones are never sent). */
    void deleteWebhook(String id, Instant at);

    /** Points webhooks scoped to {@code from} at {@code to} (a model rename). */
    void renameWebhookScope(ModelName from, ModelName to);

    /** Writes an event row (its seq is its audit entry's). */
    void insertEvent(Event event);

    /**
     * Writes pending deliveries (of one event: at most one per webhook), in one batch. Each is the head of its chain
     * (its webhook and model) when the chain has nothing else pending; otherwise it waits behind the chain's pending
     * deliveries (per-model order).
     */
    void insertDeliveries(List<Delivery> deliveries);

    /** Events after {@code afterSeq} in seq order, at most {@code limit}. */
    List<Event> events(long afterSeq, int limit);

    /** The webhook's deliveries, newest first, with seq below {@code beforeSeq}, at most {@code limit}. */
    List<Delivery> deliveries(String webhookId, long beforeSeq, int limit);

    Optional<Delivery> findDelivery(String id);

    /** A delivery's attempts, first first. */
    List<DeliveryAttempt> attempts(String deliveryId);

    /**
     * Makes a delivery pending again, due at {@code at} (its attempts stay). A finished delivery made pending again is
     * its chain's head when the chain has nothing else pending, else it goes out after the chain's current head.
     */
    void requeueDelivery(String deliveryId, Instant at);

    /**
     * Claims up to {@code limit} due deliveries for {@code node} until {@code leaseUntil} (one statement): pending,
     * due, of an enabled live webhook, not leased by a live node, and the head of their chain (per-model order). On
     * PostgreSQL rows are locked with SKIP LOCKED so concurrent nodes claim different deliveries; a claim that finds
     * nothing writes nothing (and so wakes no other node).
     */
    List<Delivery> claimDeliveries(String node, Instant now, Instant leaseUntil, int limit);

    /**
     * What {@link #claimDeliveries} would claim now, without leasing it (a read): for the only node of its database,
     * which keeps its claims in memory and so writes nothing to claim.
     */
    List<Delivery> dueDeliveries(Instant now, int limit);

    /**
     * Records attempts with their consequences (see {@link AttemptOutcome}), releasing their leases; a delivery that
     * finishes (delivered or failed) hands its chain's head to the chain's next pending delivery. Only a pending
     * delivery moves on: another node's success, after this node's lease expired, is not undone.
     */
    void recordAttempts(List<AttemptOutcome> outcomes, Instant now);

    /**
     * Releases every lease (deliveries being sent become claimable at once). Only for a node that knows it is the only
     * one (an embedded database held by one server): its previous incarnation's claims died with it.
     */
    int releaseLeases();

    /** Flags a webhook whose delivery failed for good. */
    void flagWebhook(String id, Instant at, String reason);

    /** The earliest time a pending delivery falls due, if any is pending (the worker sleeps until then). */
    Optional<Instant> nextDue();
}
