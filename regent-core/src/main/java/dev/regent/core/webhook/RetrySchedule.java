package dev.regent.core.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff from {@code first}, doubling per attempt up to
 * {@code longest}, each delay drawn from its upper half (jitter, so receivers that come back are not hit by every
 * webhook at the same instant); no retry once {@code giveUpAfter} has passed since the event (then the delivery is
 * failed and the webhook flagged). The default gives up after 72 hours.
 */
public record RetrySchedule(Duration first, Duration longest, Duration giveUpAfter) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(5), Duration.ofHours(1), Duration.ofHours(72));

    public RetrySchedule {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(longest, "longest");
        Objects.requireNonNull(giveUpAfter, "giveUpAfter");
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("retry schedule needs 0 < first <= longest and giveUpAfter >= 0");
        }
    }

    /** The time of the next try after {@code attempts} failed ones, or empty when the delivery should be given up. */
    public Optional<Instant> next(Instant createdAt, int attempts, Instant now, RandomGenerator random) {
        long ceiling = first.toMillis();
        for (int i = 1; i < attempts && ceiling < longest.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, longest.toMillis());
        long delay = ceiling / 2 + random.nextLong(ceiling - ceiling / 2 + 1);
        Instant at = now.plusMillis(delay);
        if (at.isAfter(createdAt.plus(giveUpAfter))) {
            return Optional.empty();
        }
        return Optional.of(at);
    }
}
