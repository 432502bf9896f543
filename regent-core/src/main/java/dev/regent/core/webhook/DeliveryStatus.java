package dev.regent.core.webhook;

import java.util.Locale;

/** Where a delivery stands: still to be (re)tried, accepted by the receiver (2xx), or given up on. */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus parse(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
