package dev.regent.core.store;

import java.util.concurrent.atomic.AtomicLong;

/** The generation of stores that cannot tell when their data changed: it changes on every read of it. */
final class Generations {
    static final AtomicLong UNKNOWN = new AtomicLong();

    private Generations() {
    }
}
