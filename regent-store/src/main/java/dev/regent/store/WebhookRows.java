package dev.regent.store;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.webhook.Subscription;
import dev.regent.core.webhook.Webhook;
import dev.regent.core.webhook.WebhookFormat;
import dev.regent.core.webhook.WebhookSecret;
import dev.regent.store.secrets.SecretSeal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The webhooks table. Event names are stored as one sorted, comma-separated text (names never contain commas).
 * Deleting sets deleted_at; every read here skips deleted webhooks. Secrets are sealed ({@link SecretSeal}, the
 * webhook's id as associated data) on the way in and opened on the way out; a secret that does not open reads as
 * {@link WebhookSecret#unreadable} (the webhook then signs nothing) instead of failing every read of the table, and an
 * update leaves its stored form as it is, for a rotation to replace.
 */
final class WebhookRows {
    private static final String COLUMNS = "id, url, events, model, format, description, secret, previous_secret, "
            + "previous_secret_until, enabled, flagged_at, flag_reason, created_by, created_at, updated_at";
    private static final String LIVE = " WHERE deleted_at IS NULL";

    private final Sql sql;
    private final SecretSeal seal;

    WebhookRows(Sql sql, SecretSeal seal) {
        this.sql = sql;
        this.seal = seal;
    }

    void insert(Webhook w) {
        sql.guardedUpdate(() -> "webhook " + w.id() + " already exists",
                "INSERT INTO webhooks (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                w.id(), w.url(), String.join(",", new TreeSet<>(w.events())), w.model() == null ? null : w.model().value(),
                w.format().label(), w.description(), sealed(w.id(), w.secret()), sealed(w.id(), w.previousSecret()),
                millis(w.previousSecretUntil()), w.enabled(), millis(w.flaggedAt()), w.flagReason(), w.createdBy().name(), w.createdAt().toEpochMilli(),
                w.updatedAt().toEpochMilli());
    }

    Optional<Webhook> find(String id) {
        return sql.first("SELECT " + COLUMNS + " FROM webhooks" + LIVE + " AND id = ?", this::row, id);
    }

    List<Webhook> list(ModelName model) {
        return model == null
                ? sql.list("SELECT " + COLUMNS + " FROM webhooks" + LIVE + " ORDER BY created_at, id", this::row)
                : sql.list("SELECT " + COLUMNS + " FROM webhooks" + LIVE + " AND model = ? ORDER BY created_at, id",
                        this::row, model.value());
    }

    /** What the enabled webhooks for this model subscribe to: no secrets are read (or opened) for it. */
    List<Subscription> subscriptionsFor(String model) {
        return sql.list("SELECT id, events, model, format FROM webhooks" + LIVE + " AND enabled = ? AND (model IS NULL OR model = ?)"
                + " ORDER BY created_at, id", rs -> {
                    String events = rs.getString(2);
                    String scope = rs.getString(3);
                    return new Subscription(rs.getString(1),
                            events.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(events.split(","))),
                            scope == null ? null : ModelName.of(scope), WebhookFormat.parse(rs.getString(4)));
                }, true, model);
    }

    void update(Webhook w) {
        // COALESCE: an unreadable secret is written as null, which keeps the stored one
        int changed = sql.update("UPDATE webhooks SET url = ?, events = ?, format = ?, description = ?, "
                        + "secret = COALESCE(?, secret), previous_secret = ?, previous_secret_until = ?, enabled = ?, "
                        + "flagged_at = ?, flag_reason = ?, updated_at = ?" + LIVE + " AND id = ?",
                w.url(), String.join(",", new TreeSet<>(w.events())), w.format().label(), w.description(),
                sealed(w.id(), w.secret()), sealed(w.id(), w.previousSecret()), millis(w.previousSecretUntil()), w.enabled(), millis(w.flaggedAt()), w.flagReason(),
                w.updatedAt().toEpochMilli(), w.id());
        if (changed == 0) {
            throw dev.regent.core.error.RegentException.notFound("webhook " + w.id() + " does not exist");
        }
    }

    void delete(String id, Instant at) {
        sql.update("UPDATE webhooks SET deleted_at = ?, enabled = ?" + LIVE + " AND id = ?", at.toEpochMilli(), false, id);
    }

    void renameScope(ModelName from, ModelName to) {
        sql.update("UPDATE webhooks SET model = ?" + LIVE + " AND model = ?", to.value(), from.value());
    }

    void flag(String id, Instant at, String reason) {
        sql.update("UPDATE webhooks SET flagged_at = ?, flag_reason = ? WHERE id = ?", at.toEpochMilli(), reason, id);
    }

    static Object millis(Instant at) {
        return at == null ? new Sql.Null(Types.BIGINT) : at.toEpochMilli();
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    /** The stored form of a secret: sealed; null for none, and for one that could not be read (never sealed as text). */
    private Object sealed(String id, String secret) {
        if (secret == null || WebhookSecret.isUnreadable(secret)) {
            return new Sql.Null(Types.VARCHAR);
        }
        return seal.seal(id, secret);
    }

    private Webhook row(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String secret;
        String previous;
        try {
            secret = seal.open(id, rs.getString(7));
            previous = rs.getString(8) == null ? null : seal.open(id, rs.getString(8));
        } catch (SecretSeal.Broken e) {
            secret = WebhookSecret.unreadable(e.getMessage());
            previous = null;
        }
        String model = rs.getString(4);
        String events = rs.getString(3);
        return new Webhook(rs.getString(1), rs.getString(2),
                events.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(events.split(","))),
                model == null ? null : ModelName.of(model), WebhookFormat.parse(rs.getString(5)), rs.getString(6),
                secret, previous, instant(rs, 9), rs.getBoolean(10), instant(rs, 11), rs.getString(12),
                Principal.of(rs.getString(13)), Instant.ofEpochMilli(rs.getLong(14)), Instant.ofEpochMilli(rs.getLong(15)));
    }
}
