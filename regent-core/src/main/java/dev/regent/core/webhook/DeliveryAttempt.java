package dev.regent.core.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * One try of a delivery: when, by which node, how long it took, the receiver's status code (null when no answer came)
 * or why it failed, and the first bytes of the answer as printable text (never interpreted).
 */
public record DeliveryAttempt(String deliveryId, int number, Instant startedAt, long latencyMillis, Integer statusCode,
                              String error, String responseExcerpt, String node) {
    public DeliveryAttempt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(node, "node");
        responseExcerpt = responseExcerpt == null ? "" : responseExcerpt;
    }

    /** Whether the receiver accepted the delivery (any 2xx answer). */
    public boolean accepted() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
