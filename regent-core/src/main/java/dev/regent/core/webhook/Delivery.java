package dev.regent.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One event to one webhook. {@code id} is the same for every attempt (receivers deduplicate by it): at-least-once
 * delivery means a receiver may see it more than once, never a different id for the same event.
 */
public record Delivery(String id, String webhookId, long seq, String model, DeliveryStatus status, int attempts,
                       Instant nextAttemptAt, Instant createdAt, Instant finishedAt) {
    public Delivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(status, "status");
    }

    /** The stable id of the delivery of event {@code seq} to a webhook. */
    public static String idFor(String webhookId, long seq) {
        return "msg_" + seq + "_" + webhookId;
    }
}
