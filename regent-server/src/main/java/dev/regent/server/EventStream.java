package dev.regent.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.api.ErrorWire;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.error.RegentException;
import dev.regent.core.event.FeedItem;
import dev.regent.core.event.FeedPage;
import dev.regent.core.model.ModelName;
import dev.regent.core.registry.Registry;
import dev.regent.server.webhook.EventBodies;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One Server-Sent Events stream of the event feed: each event as {@code id: SEQ}, {@code event: TYPE} and
 * {@code data:} the JSON the JSON feed answers for it, in seq order, from the cursor on. The events are the JSON
 * feed's own pages ({@link dev.regent.core.registry.WebhookFacet#events}), so the stream shows exactly what the caller
 * may read. At every poll the stream authenticates its token again and reads with the grants of that moment: a
 * revoked token ends the stream with a {@code stream.closed} event, and a revoked grant hides the model's events from
 * then on. The stream is written straight to the connection and flushed per batch (no compression, no buffering).
 */
final class EventStream {
    /** The event a stream ends with when the server ends it for a reason the client must act on. */
    static final String CLOSED = "stream.closed";
    private static final int BATCH = 100;

    private final Registry registry;
    private final ObjectMapper mapper;
    private final EventStreams streams;
    private final String token;
    private final ModelName model;

    EventStream(Registry registry, ObjectMapper mapper, EventStreams streams, String token, ModelName model) {
        this.registry = registry;
        this.mapper = mapper;
        this.streams = streams;
        this.token = token;
        this.model = model;
    }

    /** Streams from {@code after} until the lifetime ends, the server stops, the token is refused or the client goes. */
    void serve(HttpServletResponse response, long after) throws InterruptedException {
        EventStreamLimits limits = streams.limits();
        response.setStatus(200);
        response.setContentType("text/event-stream;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Accel-Buffering", "no"); // nginx and the like: pass each event on as it comes
        long deadline = System.nanoTime() + limits.lifetime().toNanos();
        try {
            OutputStream out = response.getOutputStream();
            write(out, "retry: 2000\n: regent event feed from seq " + after + "; this stream ends within "
                    + limits.lifetime().toSeconds() + " s, reconnect with Last-Event-ID\n\n");
            long cursor = after;
            long lastId = after;
            long lastWrite = System.nanoTime();
            while (!streams.closing() && System.nanoTime() < deadline) {
                FeedPage page;
                try {
                    PrincipalRecord caller = registry.access().authenticate(token);
                    page = registry.webhooks().events(caller.principal(), cursor, BATCH, model);
                } catch (RegentException refused) {
                    write(out, "event: " + CLOSED + "\ndata: " + mapper.writeValueAsString(ErrorWire.of(refused)) + "\n\n");
                    return;
                }
                for (FeedItem item : page.items()) {
                    String data = mapper.writeValueAsString(EventBodies.data(item.event(), item.entry()));
                    out.write(("id: " + item.event().seq() + "\nevent: " + item.event().type().wireName() + "\ndata: " + data
                            + "\n\n").getBytes(StandardCharsets.UTF_8));
                    lastId = item.event().seq();
                }
                cursor = page.next();
                if (!page.items().isEmpty()) {
                    out.flush();
                    lastWrite = System.nanoTime();
                    continue; // a full page may have more behind it
                }
                if (System.nanoTime() - lastWrite >= limits.heartbeat().toNanos()) {
                    // an id-only block moves the client's Last-Event-ID past events it may not read, without an event
                    write(out, (cursor > lastId ? "id: " + cursor + "\n\n" : "") + ": heartbeat\n\n");
                    lastId = cursor;
                    lastWrite = System.nanoTime();
                }
                Thread.sleep(limits.poll().toMillis());
            }
            write(out, ": stream lifetime reached; reconnect with Last-Event-ID\n\n");
        } catch (IOException gone) {
            // the client closed the connection: nothing to answer
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
