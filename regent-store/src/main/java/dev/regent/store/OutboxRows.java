package dev.regent.store;

import dev.regent.core.event.Event;
import dev.regent.core.event.EventType;
import dev.regent.core.webhook.Delivery;
import dev.regent.core.webhook.DeliveryAttempt;
import dev.regent.core.webhook.DeliveryStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The outbox: events, deliveries and their attempts. Claiming is the one place nodes compete: on PostgreSQL the due
 * rows are locked with SKIP LOCKED and leased in the same short transaction, so two nodes never claim the same
 * delivery, and a lease that expires (its node died) makes the delivery claimable again.
 */
final class OutboxRows {
    private static final String DELIVERY = "id, webhook_id, seq, model, status, attempts, next_attempt_at, created_at, finished_at";
    private static final String PENDING = "'pending'";

    private final Sql sql;

    OutboxRows(Sql sql) {
        this.sql = sql;
    }

    void insertEvent(Event e) {
        sql.guardedUpdate(() -> "event " + e.seq() + " already exists",
                "INSERT INTO events (seq, type, mlflow_type, model, at) VALUES (?, ?, ?, ?, ?)",
                e.seq(), e.type().wireName(), e.type().mlflowName().orElse(null), e.model(), e.at().toEpochMilli());
    }

    void insertDelivery(Delivery d) {
        sql.guardedUpdate(() -> "delivery " + d.id() + " already exists",
                "INSERT INTO deliveries (id, webhook_id, seq, model, status, attempts, next_attempt_at, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                d.id(), d.webhookId(), d.seq(), d.model(), d.status().label(), d.attempts(), d.nextAttemptAt().toEpochMilli(),
                d.createdAt().toEpochMilli());
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

    void requeue(String id, Instant at) {
        int changed = sql.update("UPDATE deliveries SET status = " + PENDING + ", next_attempt_at = ?, finished_at = NULL, "
                + "lease_owner = NULL, lease_until = NULL WHERE id = ?", at.toEpochMilli(), id);
        if (changed == 0) {
            throw dev.regent.core.error.RegentException.notFound("delivery " + id + " does not exist");
        }
    }

    /** Whether any delivery is claimable now (a read: a worker checks this before it writes a claim). */
    boolean anyClaimable(Instant now) {
        return !sql.list(claimable(false), OutboxRows::delivery, now.toEpochMilli(), now.toEpochMilli(), true, 1).isEmpty();
    }

    List<Delivery> claim(String node, Instant now, Instant leaseUntil, int limit) {
        long millis = now.toEpochMilli();
        List<Delivery> due = sql.list(claimable(sql.dialect() instanceof PostgresDialect), OutboxRows::delivery, millis,
                millis, true, limit);
        List<Object[]> leases = new ArrayList<>();
        for (Delivery d : due) {
            leases.add(new Object[] {node, leaseUntil.toEpochMilli(), d.id()});
        }
        sql.batch("UPDATE deliveries SET lease_owner = ?, lease_until = ? WHERE id = ?", leases);
        return due;
    }

    /** Due, unleased (or lease expired) pending deliveries of enabled live webhooks, each the first of its webhook and model. */
    private static String claimable(boolean lock) {
        return "SELECT d.id, d.webhook_id, d.seq, d.model, d.status, d.attempts, d.next_attempt_at, d.created_at, "
                + "d.finished_at FROM deliveries d JOIN webhooks w ON w.id = d.webhook_id "
                + "WHERE d.status = " + PENDING + " AND d.next_attempt_at <= ? AND (d.lease_until IS NULL OR d.lease_until < ?) "
                + "AND w.enabled = ? AND w.deleted_at IS NULL "
                // per-model order: only the earliest pending delivery of a webhook and model may go out
                + "AND NOT EXISTS (SELECT 1 FROM deliveries p WHERE p.webhook_id = d.webhook_id AND p.model = d.model "
                + "AND p.status = " + PENDING + " AND p.seq < d.seq) "
                + "ORDER BY d.next_attempt_at, d.seq LIMIT ?" + (lock ? " FOR UPDATE OF d SKIP LOCKED" : "");
    }

    int recordAttempt(DeliveryAttempt a, DeliveryStatus status, Instant nextAttemptAt, Instant now) {
        int number = sql.first("SELECT COALESCE(MAX(number), 0) + 1 FROM delivery_attempts WHERE delivery_id = ?",
                rs -> rs.getInt(1), a.deliveryId()).orElse(1);
        sql.update("INSERT INTO delivery_attempts (delivery_id, number, started_at, latency_ms, status_code, error, "
                        + "response_excerpt, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                a.deliveryId(), number, a.startedAt().toEpochMilli(), a.latencyMillis(),
                a.statusCode() == null ? new Sql.Null(Types.INTEGER) : a.statusCode(), a.error(), a.responseExcerpt(), a.node());
        // only a pending delivery moves on: another node's success (after our lease expired) is not undone
        sql.update("UPDATE deliveries SET attempts = attempts + 1, status = ?, next_attempt_at = ?, lease_owner = NULL, "
                        + "lease_until = NULL, finished_at = ? WHERE id = ? AND status = " + PENDING,
                status.label(), nextAttemptAt.toEpochMilli(),
                status == DeliveryStatus.PENDING ? new Sql.Null(Types.BIGINT) : now.toEpochMilli(), a.deliveryId());
        return number;
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
