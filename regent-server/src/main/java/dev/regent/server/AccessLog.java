package dev.regent.server;

import dev.regent.core.text.ReadableText;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request leaves behind, API or UI: its metrics, and one access-log line (method, route, path, status,
 * duration, principal; never headers or tokens). The request thread only takes the line's parts and queues them:
 * escaping, formatting and writing (java.util.logging formats with String.format and flushes stderr per record) run
 * on one writer thread, off every request's latency. The queue is bounded and a full queue makes the request wait
 * for room, so under overload lines slow requests down instead of being lost; {@link #close()} writes what is queued.
 */
final class AccessLog implements AutoCloseable {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.regent.server.access");
    /** Lines waiting for the writer; a few seconds of a busy server, about 100 bytes each. */
    static final int CAPACITY = 1 << 14;

    /** Where formatted lines go: the "dev.regent.server.access" logger, at INFO. */
    interface Sink {
        boolean enabled();

        void write(String line);
    }

    static final Sink LOGGER = new Sink() {
        @Override
        public boolean enabled() {
            return ACCESS.isInfoEnabled();
        }

        @Override
        public void write(String line) {
            ACCESS.info(line);
        }
    };

    private record Line(String method, String route, String path, int status, long millis, String principal) {
        String format() {
            // the path is the client's text: escaped by the one policy for what people read, line feeds included (one line
            // per request, whatever the path holds)
            return method + " " + route + " " + ReadableText.escapeInline(path) + " " + status + " " + millis + "ms " + principal;
        }
    }

    private final Sink sink;
    private final BlockingQueue<Line> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closed;

    AccessLog() {
        this(LOGGER);
    }

    AccessLog(Sink sink) {
        this.sink = sink;
        writer = new Thread(this::drain, "regent-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    /** Records a request that started at {@code startNanos} ({@link System#nanoTime()}), by {@code principal} or "-". */
    void record(ServerParts parts, Context ctx, RouteTable.Entry entry, long startNanos, String principal) {
        long nanos = System.nanoTime() - startNanos;
        int status = ctx.statusCode();
        parts.metrics().request(entry, status, nanos);
        record(ctx.method().name(), entry.path(), ctx.path(), status, nanos / 1_000_000, principal);
    }

    /** Queues one line (the path as the client sent it: escaped when written). */
    void record(String method, String route, String path, int status, long millis, String principal) {
        if (!sink.enabled()) {
            return;
        }
        Line line = new Line(method, route, path, status, millis, principal);
        if (closed) {
            sink.write(line.format());
            return;
        }
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.write(line.format());
        }
    }

    private void drain() {
        List<Line> batch = new ArrayList<>(256);
        while (!closed || !queue.isEmpty()) {
            try {
                Line first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, 255);
                for (Line line : batch) {
                    sink.write(line.format());
                }
                batch.clear();
            } catch (InterruptedException e) {
                // close() interrupts only after setting closed: the loop writes what is left and ends
                Thread.interrupted();
            } catch (RuntimeException e) {
                batch.clear(); // a failing handler must not stop the log
            }
        }
    }

    /** Writes every queued line, then stops the writer; lines recorded afterwards are written by their request. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Line left;
        while ((left = queue.poll()) != null) {
            sink.write(left.format());
        }
    }
}
