package dev.regent.store;

import dev.regent.core.event.Event;
import dev.regent.core.event.EventType;
import dev.regent.core.webhook.AttemptOutcome;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: events, deliveries and their attempts.
 *
 * <p>A chain is the pending deliveries of one webhook and one model: they go out one at a time in seq order. Its head
 * (the one that may go out) is kept in {@code deliveries.head} (V11) by every statement that changes a chain: an
 * enqueue makes the new delivery the head when its chain has nothing pending, the attempt that finishes the head hands
 * it to the chain's next pending delivery (lowest seq), a redelivery makes its delivery the head when its chain has
 * nothing else pending. So a claim is a range scan of the due heads (index {@code deliveries_heads}), not a check of
 * every candidate against its chain. On PostgreSQL, where several transactions may change a chain at once, each of
 * them first takes the chain's transaction-level advisory lock ({@link #lockChains}); at READ COMMITTED every later
 * statement of the holder then sees what earlier holders committed, so two of them never both find a chain empty and
 * both make a head, and a finished head never misses a delivery enqueued meanwhile. On SQLite write transactions run
 * one at a time and need no lock.
 *
 * <p>Claiming is the one place nodes compete: on PostgreSQL the due heads are locked with SKIP LOCKED and leased in the
 * same statement, so two nodes never claim the same delivery (and, a chain having one head, never two of one chain),
 * and a lease that expires (its node died) makes the delivery claimable again.
 */
final class OutboxRows {
    private static final String DELIVERY = "id, webhook_id, seq, model, status, attempts, next_attempt_at, created_at, finished_at";
    private static final String PENDING = "'pending'";

    private final Sql sql;
    private final boolean postgres;

    OutboxRows(Sql sql) {
        this.sql = sql;
        this.postgres = sql.dialect() instanceof PostgresDialect;
    }

    void insertEvent(Event e) {
        sql.guardedUpdate(() -> "event " + e.seq() + " already exists",
                "INSERT INTO events (seq, type, mlflow_type, model, at) VALUES (?, ?, ?, ?, ?)",
                e.seq(), e.type().wireName(), e.type().mlflowName().orElse(null), e.model(), e.at().toEpochMilli());
    }

    /** One batched insert; each delivery is its chain's head when the chain has nothing pending. */
    void insertDeliveries(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        lockChains(deliveries);
        List<Object[]> rows = new ArrayList<>(deliveries.size());
        for (Delivery d : deliveries) {
            if (d.status() != DeliveryStatus.PENDING) {
                throw new IllegalArgumentException("a new delivery is pending, not " + d.status());
            }
            rows.add(new Object[] {d.id(), d.webhookId(), d.seq(), d.model(), d.attempts(), d.nextAttemptAt().toEpochMilli(),
                    d.createdAt().toEpochMilli(), d.webhookId(), d.model()});
        }
        try {
            sql.batch("INSERT INTO deliveries (id, webhook_id, seq, model, status, attempts, next_attempt_at, created_at, head) "
                    + "SELECT ?, ?, ?, ?, " + PENDING + ", ?, ?, ?, NOT EXISTS (SELECT 1 FROM deliveries p "
                    + "WHERE p.webhook_id = ? AND p.model = ? AND p.status = " + PENDING + ")", rows);
        } catch (dev.regent.core.store.StoreFailure e) {
            if (e.getCause() instanceof java.sql.SQLException q && sql.dialect().isUniqueViolation(q)) {
                throw new dev.regent.core.store.StoreConflict("delivery of event " + deliveries.get(0).seq() + " already exists", e);
            }
            throw e;
        }
    }

    /**
     * On PostgreSQL, takes the transaction-level advisory lock of each chain the deliveries belong to, in one statement
     * and in one global order (the keys sorted), so two transactions that lock several chains never deadlock on them.
     * Two chains may share a key: they are then serialized together, which is only slower.
     */
    private void lockChains(Collection<Delivery> deliveries) {
        if (!postgres || deliveries.isEmpty()) {
            return;
        }
        java.util.TreeSet<Long> keys = new java.util.TreeSet<>();
        deliveries.forEach(d -> keys.add(chainKey(d.webhookId(), d.model())));
        StringBuilder array = new StringBuilder("{");
        for (long k : keys) {
            array.append(array.length() > 1 ? "," : "").append(k);
        }
        // unnest yields the keys in array order, and each row's lock is taken as the row is produced
        sql.list("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(? AS BIGINT[])) AS t(k)", rs -> 0,
                array.append('}').toString());
    }

    /** A chain's advisory lock key (64 bits from its webhook and model). */
    static long chainKey(String webhookId, String model) {
        return ((long) webhookId.hashCode() << 32) ^ (model.hashCode() & 0xffffffffL);
    }

    List<Event> events(long afterSeq, int limit) {
        return sql.list("SELECT seq, type, model, at FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                rs -> new Event(rs.getLong(1), EventType.byName(rs.getString(2)).orElseThrow(), rs.getString(3),
                        Instant.ofEpochMilli(rs.getLong(4))), afterSeq, limit);
    }

    List<Delivery> deliveries(String webhookId, long beforeSeq, int limit) {
        return sql.list("SELECT " + DELIVERY + " FROM deliveries WHERE webhook_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
                OutboxRows::delivery, webhookId, beforeSeq, limit);
    }

    Optional<Delivery> find(String id) {
        return sql.first("SELECT " + DELIVERY + " FROM deliveries WHERE id = ?", OutboxRows::delivery, id);
    }

    List<DeliveryAttempt> attempts(String deliveryId) {
        return sql.list("SELECT delivery_id, number, started_at, latency_ms, status_code, error, response_excerpt, node "
                        + "FROM delivery_attempts WHERE delivery_id = ? ORDER BY number",
                rs -> {
                    int code = rs.getInt(5);
                    Integer status = rs.wasNull() ? null : code;
                    return new DeliveryAttempt(rs.getString(1), rs.getInt(2), Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getLong(4), status, rs.getString(6), rs.getString(7), rs.getString(8));
                }, deliveryId);
    }

    /**
     * Makes a delivery pending again. One already pending keeps its place; a finished one becomes its chain's head when
     * the chain has nothing else pending, else it waits for the chain's head (and goes out in seq order after it).
     */
    void requeue(String id, Instant at) {
        Delivery d = find(id).orElseThrow(() -> dev.regent.core.error.RegentException.notFound("delivery " + id + " does not exist"));
        lockChains(List.of(d));
        int changed = sql.update("UPDATE deliveries SET head = CASE WHEN status = " + PENDING + " THEN head ELSE "
                + "NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.webhook_id = deliveries.webhook_id AND p.model = deliveries.model "
                + "AND p.status = " + PENDING + " AND p.id <> deliveries.id) END, status = " + PENDING + ", next_attempt_at = ?, "
                + "finished_at = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ?", at.toEpochMilli(), id);
        if (changed == 0) {
            throw dev.regent.core.error.RegentException.notFound("delivery " + id + " does not exist");
        }
    }

    /**
     * Leases due heads to {@code node}. On PostgreSQL one statement locks them (SKIP LOCKED: another node's claim in
     * progress is passed over, not waited for), leases them and returns them; a claim that found nothing wrote nothing
     * and commits without waking the other nodes. On SQLite (one writer) the due heads are read and leased.
     */
    List<Delivery> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long millis = now.toEpochMilli();
        if (postgres) {
            // ARRAY (subquery): the locking subquery runs once, before the update (never re-run per row)
            List<Delivery> claimed = new ArrayList<>(sql.list("UPDATE deliveries SET lease_owner = ?, lease_until = ? "
                            + "WHERE id = ANY (ARRAY (" + claimable("d.id") + " FOR UPDATE OF d SKIP LOCKED)) RETURNING " + DELIVERY,
                    OutboxRows::delivery, node, leaseUntil.toEpochMilli(), millis, millis, true, limit));
            if (claimed.isEmpty()) {
                sql.wroteNothing();
            }
            claimed.sort(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::seq));
            return claimed;
        }
        List<Delivery> due = due(now, limit);
        List<Object[]> leases = new ArrayList<>();
        for (Delivery d : due) {
            leases.add(new Object[] {node, leaseUntil.toEpochMilli(), d.id()});
        }
        sql.batch("UPDATE deliveries SET lease_owner = ?, lease_until = ? WHERE id = ?", leases);
        return due;
    }

    /** The due heads a claim would take now, without leasing them. */
    List<Delivery> due(Instant now, int limit) {
        long millis = now.toEpochMilli();
        return sql.list(claimable("d.id, d.webhook_id, d.seq, d.model, d.status, d.attempts, d.next_attempt_at, d.created_at, "
                + "d.finished_at"), OutboxRows::delivery, millis, millis, true, limit);
    }

    /**
     * Due, unleased (or lease expired) chain heads of enabled live webhooks, earliest due first. The head and status
     * terms are literals, as in the partial index deliveries_heads, so the planner may use it; deliveries come first
     * in the join (SQLite takes a CROSS JOIN's order as given) so the scan starts from the due heads.
     */
    private String claimable(String columns) {
        return "SELECT " + columns + " FROM deliveries d CROSS JOIN webhooks w "
                + "WHERE d.status = " + PENDING + " AND " + (postgres ? "d.head" : "d.head = 1") + " AND d.next_attempt_at <= ? "
                + "AND (d.lease_until IS NULL OR d.lease_until < ?) AND w.id = d.webhook_id AND w.enabled = ? "
                + "AND w.deleted_at IS NULL ORDER BY d.next_attempt_at, d.seq LIMIT ?";
    }

    /**
     * Records attempts and their consequences in a few batched statements: the attempts (each numbered after its
     * delivery's last), the deliveries' new states (only a pending delivery moves on, so another node's success after
     * this node's lease expired is not undone), then, for each delivery that finished, its chain's next head.
     */
    void recordAttempts(List<AttemptOutcome> outcomes, Instant now) {
        if (outcomes.isEmpty()) {
            return;
        }
        lockChains(outcomes.stream().map(AttemptOutcome::delivery).toList());
        List<Object[]> attempts = new ArrayList<>(outcomes.size());
        for (AttemptOutcome o : outcomes) {
            DeliveryAttempt a = o.attempt();
            attempts.add(new Object[] {a.deliveryId(), a.startedAt().toEpochMilli(), a.latencyMillis(),
                    a.statusCode() == null ? new Sql.Null(Types.INTEGER) : a.statusCode(), a.error(), a.responseExcerpt(),
                    a.node(), a.deliveryId()});
        }
        sql.batch("INSERT INTO delivery_attempts (delivery_id, number, started_at, latency_ms, status_code, error, "
                + "response_excerpt, node) SELECT ?, COALESCE(MAX(number), 0) + 1, ?, ?, ?, ?, ?, ? FROM delivery_attempts "
                + "WHERE delivery_id = ?", attempts);
        List<Object[]> states = new ArrayList<>(outcomes.size());
        for (AttemptOutcome o : outcomes) {
            boolean finished = o.status() != DeliveryStatus.PENDING;
            states.add(new Object[] {o.status().label(), o.nextAttemptAt().toEpochMilli(),
                    finished ? now.toEpochMilli() : new Sql.Null(Types.BIGINT), finished ? Boolean.FALSE : Boolean.TRUE,
                    o.delivery().id()});
        }
        // a finished delivery is no head any more; one still pending keeps whatever it was
        int[] changed = sql.batchCounts("UPDATE deliveries SET attempts = attempts + 1, status = ?, next_attempt_at = ?, "
                + "lease_owner = NULL, lease_until = NULL, finished_at = ?, head = (head AND ?) WHERE id = ? AND status = "
                + PENDING, states);
        List<Object[]> advance = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            AttemptOutcome o = outcomes.get(i);
            if (o.status() != DeliveryStatus.PENDING && changed[i] != 0) {
                String w = o.delivery().webhookId();
                String m = o.delivery().model();
                advance.add(new Object[] {w, m, w, m});
            }
        }
        // the chain's next pending delivery becomes its head, unless it has one (a redelivery that found it empty)
        sql.batch("UPDATE deliveries SET head = " + (postgres ? "TRUE" : "1") + " WHERE id = (SELECT p.id FROM deliveries p "
                + "WHERE p.webhook_id = ? AND p.model = ? AND p.status = " + PENDING + " ORDER BY p.seq LIMIT 1) "
                + "AND NOT EXISTS (SELECT 1 FROM deliveries h WHERE h.webhook_id = ? AND h.model = ? AND h.status = " + PENDING
                + " AND " + (postgres ? "h.head" : "h.head = 1") + ")", advance);
    }

    int releaseLeases() {
        return sql.update("UPDATE deliveries SET lease_owner = NULL, lease_until = NULL WHERE status = " + PENDING
                + " AND lease_owner IS NOT NULL");
    }

    Optional<Instant> nextDue() {
        return sql.first("SELECT MIN(next_attempt_at) FROM deliveries WHERE status = " + PENDING, rs -> {
            long at = rs.getLong(1);
            return rs.wasNull() ? null : Instant.ofEpochMilli(at);
        });
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                DeliveryStatus.parse(rs.getString(5)), rs.getInt(6), Instant.ofEpochMilli(rs.getLong(7)),
                Instant.ofEpochMilli(rs.getLong(8)), WebhookRows.instant(rs, 9));
    }
}
