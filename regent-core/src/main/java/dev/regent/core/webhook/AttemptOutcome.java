package dev.regent.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * An attempt to record with its consequence: the delivery it was made for becomes {@code status} (PENDING again due at
 * {@code nextAttemptAt}, or DELIVERED, or FAILED).
 */
public record AttemptOutcome(Delivery delivery, DeliveryAttempt attempt, DeliveryStatus status, Instant nextAttemptAt) {
    public AttemptOutcome {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(attempt, "attempt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        if (!attempt.deliveryId().equals(delivery.id())) {
            throw new IllegalArgumentException("attempt of " + attempt.deliveryId() + " recorded for " + delivery.id());
        }
    }
}
