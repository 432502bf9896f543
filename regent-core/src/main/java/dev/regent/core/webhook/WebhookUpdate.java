package dev.regent.core.webhook;

import dev.regent.core.error.RegentException;
import java.time.Duration;

/**
 * A change to a webhook; null fields stay as they are. {@code enabled = true} also clears a flag. {@code rotateOverlap}
 * rotates the secret: a new one is generated and shown once, and the old one keeps signing next to it for that long
 * (0 to {@value #MAX_OVERLAP_DAYS} days), so receivers can switch without missing a delivery.
 */
public record WebhookUpdate(String url, java.util.Set<String> events, WebhookFormat format, String description,
                            Boolean enabled, Duration rotateOverlap) {
    public static final int MAX_OVERLAP_DAYS = 30;

    public WebhookUpdate {
        if (url != null) {
            url = WebhookSpec.checkUrl(url);
        }
        if (rotateOverlap != null && (rotateOverlap.isNegative() || rotateOverlap.compareTo(Duration.ofDays(MAX_OVERLAP_DAYS)) > 0)) {
            throw RegentException.invalid("a secret rotation's overlap is between 0 and " + MAX_OVERLAP_DAYS + " days");
        }
    }

    public static WebhookUpdate enable(boolean on) {
        return new WebhookUpdate(null, null, null, null, on, null);
    }

    public static WebhookUpdate rotate(Duration overlap) {
        return new WebhookUpdate(null, null, null, null, null, overlap);
    }

    public boolean empty() {
        return url == null && events == null && format == null && description == null && enabled == null && rotateOverlap == null;
    }
}
