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
 * event arrives, so a deployment controller can follow the registry without a public endpoint. With
 * {@code Accept: text/event-stream} the same events come as Server-Sent Events ({@link EventStream}), resumable with
 * {@code Last-Event-ID}.
 */
final class EventRoutes {
    static final String FEED = "/api/v1/events";
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final long POLL_MILLIS = 100;

    private EventRoutes() {
    }

    static void register(Endpoints e, EventStreams streams) {
        e.get(FEED, call -> feed(call, streams));
    }

    static Reply feed(Call call, EventStreams streams) throws InterruptedException {
        long after = call.query("after") == null ? 0 : whole(call.query("after"), "after");
        if (wantsStream(call)) {
            // an EventSource reconnecting sends its first URL again (with after=) and the last id it saw: the id wins
            String lastId = call.ctx().header("Last-Event-ID");
            if (lastId != null && !lastId.isBlank()) {
                after = whole(lastId.trim(), "Last-Event-ID");
            }
            ModelName model = call.query("model") == null ? null : ModelName.of(call.query("model"));
            // refused before the stream opens (a model the caller may not read answers 404 as JSON, not a stream)
            call.registry().webhooks().events(call.actor(), after, 1, model);
            streams.admit();
            try {
                new EventStream(call.registry(), call.mapper(), streams, Guard.bearer(call.ctx()), model)
                        .serve(call.ctx().res(), after);
            } finally {
                streams.release();
            }
            return null; // written to the connection already
        }
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

    /** A GET (not a HEAD) that accepts an event stream. */
    private static boolean wantsStream(Call call) {
        String accept = call.ctx().header("Accept");
        return "GET".equals(call.method()) && accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream");
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
