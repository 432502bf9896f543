package dev.regent.core.webhook;

import dev.regent.core.error.RegentException;
import java.util.Locale;

/**
 * The body a webhook receives: Regent's ({@code {"type","timestamp","data"}} with the full audit entry), or MLflow 3's
 * ({@code {"entity","action","timestamp","data"}} with MLflow's payload), for receivers written for MLflow. Both carry
 * both signature schemes.
 */
public enum WebhookFormat {
    REGENT,
    MLFLOW;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WebhookFormat parse(String text) {
        if (text == null || text.isEmpty()) {
            return REGENT;
        }
        for (WebhookFormat f : values()) {
            if (f.label().equals(text)) {
                return f;
            }
        }
        throw RegentException.invalid("unknown webhook format '" + dev.regent.core.text.ReadableText.escapeInline(text)
                + "': use regent or mlflow");
    }
}
