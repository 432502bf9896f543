package dev.regent.server;

import java.time.Duration;

/**
 * The bounds of the event feed's Server-Sent Events streams. Each open stream holds one server thread, so their number
 * is capped (a stream beyond the cap is refused with 503 and Retry-After, never queued); each lives at most
 * {@code lifetime} and then ends, and the client reconnects with {@code Last-Event-ID} (an EventSource does so by
 * itself); a comment every {@code heartbeat} keeps proxies and the server's own idle timeout from closing a quiet
 * stream, and tells the server when its client has gone.
 *
 * @param maxStreams concurrent streams on this server
 * @param lifetime   how long one stream stays open
 * @param heartbeat  the longest silence on a stream (below the connection idle timeout)
 * @param poll       how often a stream looks for new events, and re-checks its token and grants
 */
public record EventStreamLimits(int maxStreams, Duration lifetime, Duration heartbeat, Duration poll) {
    public static final int DEFAULT_MAX_STREAMS = 64;
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_POLL = Duration.ofMillis(250);

    public EventStreamLimits {
        if (maxStreams < 0) {
            throw new IllegalArgumentException("maxStreams must not be negative");
        }
        if (lifetime.isNegative() || lifetime.isZero() || heartbeat.isNegative() || heartbeat.isZero()
                || poll.isNegative() || poll.isZero()) {
            throw new IllegalArgumentException("event stream durations must be positive");
        }
    }

    public static EventStreamLimits defaults() {
        return new EventStreamLimits(DEFAULT_MAX_STREAMS, DEFAULT_LIFETIME, DEFAULT_HEARTBEAT, DEFAULT_POLL);
    }
}
