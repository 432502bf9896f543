package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.event.Event;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DeliveryStatus;
import dev.regent.core.webhook.RetrySchedule;
import dev.regent.core.webhook.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The delivery worker's side of the outbox: claim due deliveries under a lease, read what to send, record each
 * attempt with its consequence (delivered; pending again after a backoff; or failed, flagging the webhook). Deliveries
 * are machinery, not registry changes: attempts are delivery records, not audit entries.
 */
public final class DeliveryQueue {
    private final RegistryStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final RetrySchedule retries;

    DeliveryQueue(RegistryStore store, Clock clock, RandomGenerator random, RetrySchedule retries) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.retries = retries;
    }

    /** What one delivery sends: the webhook (with its secrets), the event and the audit entry it tells. */
    public record Outgoing(Delivery delivery, Webhook webhook, Event event, AuditEntry entry) {
    }

    /** Claims up to {@code limit} due deliveries for {@code node}, each leased for {@code lease}. */
    public List<Delivery> claim(String node, int limit, Duration lease) {
        Instant now = clock.instant();
        // a read first: an idle worker must not write (on PostgreSQL every write wakes every node's worker)
        if (!store.read(tx -> tx.anyClaimable(now))) {
            return List.of();
        }
        return store.inTransaction(tx -> tx.claimDeliveries(node, now, now.plus(lease), limit));
    }

    /** A number that changes when something may have been committed (this node's writes, and others' on PostgreSQL). */
    public long commits() {
        return store.generation();
    }

    /** What to send for a claimed delivery; empty when its webhook was deleted meanwhile (nothing is sent). */
    public Optional<Outgoing> prepare(Delivery delivery) {
        return store.read(tx -> {
            Optional<Webhook> webhook = tx.findWebhook(delivery.webhookId());
            List<AuditEntry> entries = tx.auditEntries(new AuditQuery(null, delivery.seq() - 1, 1));
            if (webhook.isEmpty() || entries.isEmpty() || entries.get(0).seq() != delivery.seq()) {
                return Optional.empty();
            }
            AuditEntry entry = entries.get(0);
            return Event.of(entry).map(e -> new Outgoing(delivery, webhook.get(), e, entry));
        });
    }

    /**
     * Records an attempt: a 2xx answer delivers; otherwise the delivery is tried again on the retry schedule, or, once
     * that gives up, fails and flags its webhook. Returns the status the delivery is left in.
     */
    public DeliveryStatus record(Delivery delivery, DeliveryAttempt attempt) {
        Instant now = clock.instant();
        if (attempt.accepted()) {
            store.inTransaction(tx -> tx.recordAttempt(attempt, DeliveryStatus.DELIVERED, now, now));
            return DeliveryStatus.DELIVERED;
        }
        Optional<Instant> next = retries.next(delivery.createdAt(), delivery.attempts() + 1, now, random);
        if (next.isPresent()) {
            store.inTransaction(tx -> tx.recordAttempt(attempt, DeliveryStatus.PENDING, next.get(), now));
            return DeliveryStatus.PENDING;
        }
        String why = "delivery " + delivery.id() + " failed after " + (delivery.attempts() + 1) + " attempt(s): "
                + (attempt.statusCode() == null ? attempt.error() : "HTTP " + attempt.statusCode());
        store.inTransaction(tx -> {
            tx.recordAttempt(attempt, DeliveryStatus.FAILED, now, now);
            tx.flagWebhook(delivery.webhookId(), now, why);
            return null;
        });
        return DeliveryStatus.FAILED;
    }

    /**
     * Records an attempt that was refused before sending for a reason retrying cannot cure (the webhook's secret does
     * not open): the delivery fails at once and its webhook is flagged with the reason.
     */
    public void refuse(Delivery delivery, DeliveryAttempt attempt, String why) {
        Instant now = clock.instant();
        store.inTransaction(tx -> {
            tx.recordAttempt(attempt, DeliveryStatus.FAILED, now, now);
            tx.flagWebhook(delivery.webhookId(), now, "delivery " + delivery.id() + " refused: " + why);
            return null;
        });
    }

    /** An attempt to record with the delivery it was made for. */
    public record Done(Delivery delivery, DeliveryAttempt attempt) {
    }

    /**
     * Records several attempts in one transaction (one commit, one fsync on SQLite, instead of one per delivery), each
     * with the consequence {@link #record} gives it. The retry times are drawn before the transaction, so a transaction
     * the database asks to retry writes the same.
     */
    public void recordAll(List<Done> done) {
        if (done.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<Optional<Instant>> next = new java.util.ArrayList<>(done.size());
        for (Done d : done) {
            next.add(d.attempt().accepted() ? Optional.empty()
                    : retries.next(d.delivery().createdAt(), d.delivery().attempts() + 1, now, random));
        }
        store.inTransaction(tx -> {
            for (int i = 0; i < done.size(); i++) {
                Delivery delivery = done.get(i).delivery();
                DeliveryAttempt attempt = done.get(i).attempt();
                if (attempt.accepted()) {
                    tx.recordAttempt(attempt, DeliveryStatus.DELIVERED, now, now);
                } else if (next.get(i).isPresent()) {
                    tx.recordAttempt(attempt, DeliveryStatus.PENDING, next.get(i).get(), now);
                } else {
                    tx.recordAttempt(attempt, DeliveryStatus.FAILED, now, now);
                    tx.flagWebhook(delivery.webhookId(), now, "delivery " + delivery.id() + " failed after "
                            + (delivery.attempts() + 1) + " attempt(s): "
                            + (attempt.statusCode() == null ? attempt.error() : "HTTP " + attempt.statusCode()));
                }
            }
            return null;
        });
    }

    /** Releases a claimed delivery without an attempt (its webhook is gone), so it is no longer leased. */
    public void drop(Delivery delivery) {
        Instant now = clock.instant();
        store.inTransaction(tx -> tx.recordAttempt(new DeliveryAttempt(delivery.id(), 1, now, 0, null,
                "webhook deleted; not sent", "", "-"), DeliveryStatus.FAILED, now, now));
    }

    /**
     * Makes deliveries a previous run of this node had claimed claimable now, instead of when their leases expire. Only
     * for the one node of an embedded database (the data directory's lock says so); on a shared database leases expire.
     */
    public int recoverAsSoleNode() {
        return store.inTransaction(tx -> tx.releaseLeases());
    }

    /** When the next pending delivery falls due, if any is pending. */
    public Optional<Instant> nextDue() {
        return store.read(tx -> tx.nextDue());
    }
}
