package dev.regent.server;

import dev.regent.api.WebhookWires;
import dev.regent.core.error.RegentException;
import dev.regent.core.event.FeedPage;
import dev.regent.core.model.ModelName;
import dev.regent.server.webhook.EventBodies;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The event feed: {@code GET /api/v1/events?after=SEQ&limit=N[&model=M][&wait=30s]}, the events after SEQ the caller
 * may read, in order, with the full audit entry of each. With {@code wait} the request holds (up to 60 s) until an
 * event arrives, so a deployment controller can follow the registry without a public endpoint.
 */
final class EventRoutes {
    static final String FEED = "/api/v1/events";
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private EventRoutes() {
    }

    static void register(Endpoints e) {
        e.get(FEED, EventRoutes::feed);
    }

    static Reply feed(Call call) throws InterruptedException {
        long after = call.query("after") == null ? 0 : whole(call.query("after"), "after");
        int limit = call.query("limit") == null ? 100 : (int) Math.min(whole(call.query("limit"), "limit"), 1000);
        ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
        Duration wait = wait(call.query("wait"));
        long deadline = System.nanoTime() + wait.toNanos();
        FeedPage page = call.registry().webhooks().events(call.actor(), after, Math.max(limit, 1), model);
        while (page.items().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            page = call.registry().webhooks().events(call.actor(), page.next(), Math.max(limit, 1), model);
        }
        return Reply.ok(new WebhookWires.Events(page.items().stream().map(i -> EventBodies.data(i.event(), i.entry())).toList(),
                page.next()));
    }

    private static long whole(String raw, String name) {
        try {
            long n = Long.parseLong(raw);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw RegentException.invalid("query parameter '" + name + "' must be a whole number, got '"
                    + dev.regent.core.text.ReadableText.escapeInline(raw) + "'");
        }
    }

    /** "30s", "2m", "PT30S" or seconds as a number; at most 60 s. */
    static Duration wait(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d;
        try {
            if (raw.matches("[0-9]{1,4}")) {
                d = Duration.ofSeconds(Long.parseLong(raw));
            } else if (raw.matches("[0-9]{1,4}s")) {
                d = Duration.ofSeconds(Long.parseLong(raw.substring(0, raw.length() - 1)));
            } else if (raw.matches("[0-9]{1,3}m")) {
                d = Duration.ofMinutes(Long.parseLong(raw.substring(0, raw.length() - 1)));
            } else {
                d = Duration.parse(raw);
            }
        } catch (DateTimeParseException e) {
            throw RegentException.invalid("'wait' is a duration such as 30s, got '"
                    + dev.regent.core.text.ReadableText.escapeInline(raw) + "'");
        }
        if (d.isNegative() || d.compareTo(MAX_WAIT) > 0) {
            throw RegentException.invalid("'wait' is between 0 and " + MAX_WAIT.toSeconds() + " seconds");
        }
        return d;
    }
}
