package dev.regent.core.registry;

import dev.regent.core.report.Finding;
import dev.regent.core.webhook.DestinationCheck;
import dev.regent.core.webhook.Webhook;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** What webhook mutations share: the destination check as a plan finding, and a webhook's audited state (no secrets). */
final class WebhookFindings {
    private WebhookFindings() {
    }

    static Finding destination(DestinationCheck destinations, String url) {
        Optional<String> refusal = destinations.refusal(url);
        return refusal.map(why -> Finding.fail("destination allowed", why)).orElseGet(() -> Finding.pass("destination allowed", url));
    }

    /** The fields an audit entry records of a webhook: never a secret, only whether one is in rotation. */
    static SortedMap<String, String> state(Webhook w) {
        TreeMap<String, String> s = new TreeMap<>();
        s.put("url", w.url());
        s.put("events", String.join(",", new java.util.TreeSet<>(w.events())));
        s.put("model", w.model() == null ? "*" : w.model().value());
        s.put("format", w.format().label());
        s.put("enabled", Boolean.toString(w.enabled()));
        s.put("description", w.description());
        if (w.previousSecretUntil() != null) {
            s.put("previous_secret_until", w.previousSecretUntil().toString());
        }
        return s;
    }
}
