package dev.regent.store.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock one millisecond further on every time it is read: things done one after another get distinct, increasing
 * times however fast the machine is, so orders by creation or update time are deterministic.
 */
final class SteppingClock extends Clock {
    private final AtomicLong millis;

    SteppingClock(Instant start) {
        millis = new AtomicLong(start.toEpochMilli());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.incrementAndGet());
    }
}
