package dev.regent.core.webhook;

import dev.regent.core.event.Event;
import dev.regent.core.event.EventType;
import dev.regent.core.model.ModelName;
import java.util.Objects;
import java.util.Set;

/**
 * What a webhook subscribes to, without its URL or secrets: all that a change needs to decide which webhooks get a
 * delivery of its event. Reading only this (not the whole webhook) keeps a registration from opening every enabled
 * webhook's sealed secret on its way.
 */
public record Subscription(String webhookId, Set<String> events, ModelName model, WebhookFormat format) {
    public Subscription {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(format, "format");
        events = Set.copyOf(events);
    }

    /** Whether the event goes to this webhook (its model scope and its event names). */
    public boolean matches(Event event) {
        if (model != null && !model.value().equals(event.model())) {
            return false;
        }
        if (format == WebhookFormat.MLFLOW && event.type().mlflowName().isEmpty()) {
            return false;
        }
        return events.contains(EventType.ALL) || events.contains(event.type().wireName())
                || event.type().mlflowName().map(events::contains).orElse(false);
    }
}
