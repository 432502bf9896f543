package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** Wire records of webhooks, their deliveries and the event feed (snake_case, as every native wire type). */
public final class WebhookWires {
    private WebhookWires() {
    }

    /** A request to create a webhook: URL, events (names or "*"), optional model scope, format (regent, mlflow), description. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Create(String url, List<String> events, String model, String format, String description) {
    }

    /**
     * A change to a webhook; absent fields stay. {@code rotate_secret} makes a new secret (answered once) while the old
     * one also signs for {@code overlap} (ISO-8601 duration, default PT24H).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Update(String url, List<String> events, String format, String description, Boolean enabled,
                         Boolean rotateSecret, String overlap) {
    }

    /** A webhook as its administrators see it; never its secrets. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Webhook(String id, String url, List<String> events, String model, String format, String description,
                          boolean enabled, String flaggedAt, String flagReason, String previousSecretUntil, String createdBy,
                          String createdAt, String updatedAt) {
    }

    /** The answer to creating a webhook or rotating its secret: the secret this once (null on a dry run or a replay). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Created(String id, String secret, Webhook webhook, ReportWire report) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Webhooks(List<Webhook> webhooks) {
    }

    /** One attempt of a delivery. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Attempt(int number, String startedAt, long latencyMs, Integer statusCode, String error,
                          String responseExcerpt, String node) {
    }

    /** One delivery with every attempt. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Delivery(String id, String webhookId, long seq, String model, String status, int attempts,
                           String nextAttemptAt, String createdAt, String finishedAt, List<Attempt> attemptLog) {
    }

    /** A page of deliveries, newest first; {@code next_before} continues (null at the end). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Deliveries(List<Delivery> deliveries, Long nextBefore) {
    }

    /** The answer to a test ping: what the receiver answered, or why nothing came. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Ping(String deliveryId, Integer statusCode, String error, long latencyMs, String responseExcerpt) {
    }

    /** A page of the event feed: events in seq order and the seq to continue after. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Events(List<Map<String, Object>> events, long next) {
    }

    /** A webhook's wire form (never its secrets). */
    public static Webhook of(dev.regent.core.webhook.Webhook w) {
        return new Webhook(w.id(), w.url(), w.events().stream().sorted().toList(), w.model() == null ? null : w.model().value(),
                w.format().label(), w.description(), w.enabled(), text(w.flaggedAt()), w.flagReason(),
                text(w.previousSecretUntil()), w.createdBy().name(), text(w.createdAt()), text(w.updatedAt()));
    }

    /** A delivery's wire form with its attempts. */
    public static Delivery of(dev.regent.core.webhook.Delivery d, List<dev.regent.core.webhook.DeliveryAttempt> attempts) {
        return new Delivery(d.id(), d.webhookId(), d.seq(), d.model().isEmpty() ? null : d.model(), d.status().label(),
                d.attempts(), d.status() == dev.regent.core.webhook.DeliveryStatus.PENDING ? text(d.nextAttemptAt()) : null,
                text(d.createdAt()), text(d.finishedAt()), attempts.stream().map(a -> new Attempt(a.number(),
                text(a.startedAt()), a.latencyMillis(), a.statusCode(), a.error(), a.responseExcerpt(), a.node())).toList());
    }

    private static String text(java.time.Instant at) {
        return at == null ? null : at.toString();
    }
}
