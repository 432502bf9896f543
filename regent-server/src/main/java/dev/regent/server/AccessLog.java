package dev.regent.server;

import dev.regent.core.text.ReadableText;
import io.javalin.http.Context;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request leaves behind, API or UI: its metrics, and one access-log line (method, route, path, status,
 * duration, principal; never headers or tokens).
 */
final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.regent.server.access");

    private AccessLog() {
    }

    /** Records a request that started at {@code startNanos} ({@link System#nanoTime()}), by {@code principal} or "-". */
    static void record(ServerParts parts, Context ctx, RouteTable.Entry entry, long startNanos, String principal) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        parts.metrics().request(entry.method().name(), entry.path(), ctx.statusCode(), took);
        // the path is the client's text: escaped by the one policy for what people read, like every log line's parts
        ACCESS.info("{} {} {} {} {}ms {}", ctx.method().name(), entry.path(), ReadableText.escape(ctx.path()), ctx.statusCode(),
                took.toMillis(), principal);
    }
}
