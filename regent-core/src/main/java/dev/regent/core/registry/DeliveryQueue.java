package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.event.Event;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.webhook.AttemptOutcome;
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

    /** Claims up to {@code limit} due deliveries for {@code node}, each leased for {@code lease} (one statement). */
    public List<Delivery> claim(String node, int limit, Duration lease) {
        Instant now = clock.instant();
        return store.inTransaction(tx -> tx.claimDeliveries(node, now, now.plus(lease), limit));
    }

    /**
     * For the only node of its database (an embedded one, under the data directory's lock): up to {@code limit} due
     * deliveries that are not in {@code inFlight}, read without writing a lease. Such a node keeps its claims in
     * memory: nobody else can claim, and a restart after a crash finds every unrecorded delivery pending again.
     */
    public List<Delivery> dueForSoleNode(int limit, java.util.Set<String> inFlight) {
        Instant now = clock.instant();
        List<Delivery> due = store.read(tx -> tx.dueDeliveries(now, limit + inFlight.size()));
        return due.stream().filter(d -> !inFlight.contains(d.id())).limit(limit).toList();
    }

    /** A number that changes when something may have been committed (this node's writes, and others' on PostgreSQL). */
    public long commits() {
        return store.generation();
    }

    /** What to send for a claimed delivery; empty when its webhook was deleted meanwhile (nothing is sent). */
    public Optional<Outgoing> prepare(Delivery delivery) {
        return prepareAll(List.of(delivery)).get(0);
    }

    /**
     * What to send for each claimed delivery, in their order, read in one transaction (each webhook once, the audit
     * entries in one range read when their seqs are close): empty for a delivery whose webhook was deleted meanwhile.
     */
    public List<Optional<Outgoing>> prepareAll(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return List.of();
        }
        return store.read(tx -> {
            java.util.Map<String, Optional<Webhook>> webhooks = new java.util.HashMap<>();
            java.util.Map<Long, AuditEntry> entries = entries(tx, deliveries);
            List<Optional<Outgoing>> out = new java.util.ArrayList<>(deliveries.size());
            for (Delivery d : deliveries) {
                Optional<Webhook> webhook = webhooks.computeIfAbsent(d.webhookId(), tx::findWebhook);
                AuditEntry entry = entries.get(d.seq());
                out.add(webhook.isEmpty() || entry == null ? Optional.empty()
                        : Event.of(entry).map(e -> new Outgoing(d, webhook.get(), e, entry)));
            }
            return out;
        });
    }

    /** The audit entries of the deliveries' seqs: one range read when they are close together, else one read each. */
    private static java.util.Map<Long, AuditEntry> entries(dev.regent.core.store.StoreTransaction tx, List<Delivery> deliveries) {
        java.util.TreeSet<Long> seqs = new java.util.TreeSet<>();
        deliveries.forEach(d -> seqs.add(d.seq()));
        java.util.Map<Long, AuditEntry> found = new java.util.HashMap<>();
        long span = seqs.last() - seqs.first() + 1;
        if (span <= Math.max(64, 4L * seqs.size()) && span <= AuditQuery.MAX_LIMIT) {
            for (AuditEntry e : tx.auditEntries(new AuditQuery(null, seqs.first() - 1, (int) span))) {
                if (seqs.contains(e.seq())) {
                    found.put(e.seq(), e);
                }
            }
        } else {
            for (long seq : seqs) {
                List<AuditEntry> one = tx.auditEntries(new AuditQuery(null, seq - 1, 1));
                if (!one.isEmpty() && one.get(0).seq() == seq) {
                    found.put(seq, one.get(0));
                }
            }
        }
        return found;
    }

    /**
     * Records an attempt: a 2xx answer delivers; otherwise the delivery is tried again on the retry schedule, or, once
     * that gives up, fails and flags its webhook. Returns the status the delivery is left in.
     */
    public DeliveryStatus record(Delivery delivery, DeliveryAttempt attempt) {
        return recordOutcomes(List.of(new Done(delivery, attempt))).get(0).status();
    }

    /**
     * Records an attempt that was refused before sending for a reason retrying cannot cure (the webhook's secret does
     * not open): the delivery fails at once and its webhook is flagged with the reason.
     */
    public void refuse(Delivery delivery, DeliveryAttempt attempt, String why) {
        Instant now = clock.instant();
        store.inTransaction(tx -> {
            tx.recordAttempts(List.of(new AttemptOutcome(delivery, attempt, DeliveryStatus.FAILED, now)), now);
            tx.flagWebhook(delivery.webhookId(), now, "delivery " + delivery.id() + " refused: " + why);
            return null;
        });
    }

    /** An attempt to record with the delivery it was made for. */
    public record Done(Delivery delivery, DeliveryAttempt attempt) {
    }

    /**
     * Records several attempts in one transaction (one commit, one fsync on SQLite, instead of one per delivery): a 2xx
     * answer delivers; otherwise the delivery is tried again on the retry schedule, or, once that gives up, fails and
     * flags its webhook. The retry times are drawn before the transaction, so a transaction the database asks to retry
     * writes the same. The attempts are recorded in chain order (webhook, model, seq), the order in which every
     * transaction that changes several chains takes them.
     */
    public void recordAll(List<Done> done) {
        if (!done.isEmpty()) {
            recordOutcomes(done);
        }
    }

    private List<AttemptOutcome> recordOutcomes(List<Done> done) {
        Instant now = clock.instant();
        List<AttemptOutcome> outcomes = new java.util.ArrayList<>(done.size());
        java.util.Map<String, String> flags = new java.util.LinkedHashMap<>();
        for (Done d : done) {
            Delivery delivery = d.delivery();
            DeliveryAttempt attempt = d.attempt();
            if (attempt.accepted()) {
                outcomes.add(new AttemptOutcome(delivery, attempt, DeliveryStatus.DELIVERED, now));
                continue;
            }
            Optional<Instant> next = retries.next(delivery.createdAt(), delivery.attempts() + 1, now, random);
            if (next.isPresent()) {
                outcomes.add(new AttemptOutcome(delivery, attempt, DeliveryStatus.PENDING, next.get()));
            } else {
                outcomes.add(new AttemptOutcome(delivery, attempt, DeliveryStatus.FAILED, now));
                flags.put(delivery.webhookId(), "delivery " + delivery.id() + " failed after " + (delivery.attempts() + 1)
                        + " attempt(s): " + (attempt.statusCode() == null ? attempt.error() : "HTTP " + attempt.statusCode()));
            }
        }
        outcomes.sort(java.util.Comparator.comparing((AttemptOutcome o) -> o.delivery().webhookId())
                .thenComparing(o -> o.delivery().model()).thenComparingLong(o -> o.delivery().seq()));
        store.inTransaction(tx -> {
            tx.recordAttempts(outcomes, now);
            flags.forEach((webhook, why) -> tx.flagWebhook(webhook, now, why));
            return null;
        });
        return outcomes;
    }

    /** Releases a claimed delivery without an attempt (its webhook is gone), so it is no longer leased. */
    public void drop(Delivery delivery) {
        Instant now = clock.instant();
        store.inTransaction(tx -> {
            tx.recordAttempts(List.of(new AttemptOutcome(delivery, new DeliveryAttempt(delivery.id(), 1, now, 0, null,
                    "webhook deleted; not sent", "", "-"), DeliveryStatus.FAILED, now)), now);
            return null;
        });
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
