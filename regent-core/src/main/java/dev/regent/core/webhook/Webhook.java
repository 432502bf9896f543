package dev.regent.core.webhook;

import dev.regent.core.event.Event;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A subscription: which events (Regent's or MLflow's names, or {@code *}) of which model (null for every model, and
 * registry-wide events) go to which URL, signed with which secret. During a rotation the previous secret also signs
 * until {@code previousSecretUntil}. A webhook whose delivery failed for good is flagged (time and reason) until its
 * owner enables it again.
 */
public record Webhook(String id, String url, Set<String> events, ModelName model, WebhookFormat format, String description,
                      String secret, String previousSecret, Instant previousSecretUntil, boolean enabled, Instant flaggedAt,
                      String flagReason, Principal createdBy, Instant createdAt, Instant updatedAt) {
    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        events = Set.copyOf(events);
        description = description == null ? "" : description;
    }

    /** Whether this webhook subscribes to the event (its model scope and its event names). */
    public boolean matches(Event event) {
        return subscription().matches(event);
    }

    /** What this webhook subscribes to. */
    public Subscription subscription() {
        return new Subscription(id, events, model, format);
    }

    /** The secrets that sign a delivery sent at {@code now}: the current one, and the previous one during its overlap. */
    public List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    /** Why this webhook cannot sign (its stored secret does not open), or empty when it can. */
    public java.util.Optional<String> secretProblem() {
        return WebhookSecret.isUnreadable(secret) ? java.util.Optional.of(secret.substring(WebhookSecret.UNREADABLE.length()))
                : java.util.Optional.empty();
    }

    /** Whether the webhook is flagged (a delivery failed for good since it was last enabled). */
    public boolean flagged() {
        return flaggedAt != null;
    }
}
