package dev.regent.server;

import dev.regent.api.ApiError;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The open event streams of one server: admits a new one while fewer than the cap are open, and tells every open one
 * to end when the server stops (an open stream would otherwise hold the graceful drain until its timeout).
 */
final class EventStreams {
    private final EventStreamLimits limits;
    private final Semaphore slots;
    private volatile boolean closing;

    EventStreams(EventStreamLimits limits) {
        this.limits = limits;
        this.slots = new Semaphore(limits.maxStreams());
    }

    EventStreamLimits limits() {
        return limits;
    }

    /** Takes a slot for a new stream; 503 with Retry-After when every slot is taken or the server is stopping. */
    void admit() {
        if (closing || !slots.tryAcquire()) {
            throw new ApiException(ApiError.UNAVAILABLE, "this server already serves its limit of " + limits.maxStreams()
                    + " event streams; retry later, or follow the feed with long polls (GET /api/v1/events?wait=30s)",
                    Map.of("max_streams", limits.maxStreams(), "retry_after_seconds", 5));
        }
    }

    void release() {
        slots.release();
    }

    boolean closing() {
        return closing;
    }

    /** Every open stream ends at its next poll; no new one is admitted. */
    void close() {
        closing = true;
    }
}
