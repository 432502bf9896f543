package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The access log written off the request threads: no line is lost or doubled, even when requests outrun the writer
 * (the queue fills and requests wait for room), every queued line is written by close, lines recorded after close
 * are written at once, and the client's path is escaped.
 */
class AccessLogTest {
    /** Collects lines; slow, so that the queue fills. */
    private static final class Collecting implements AccessLog.Sink {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean on = new AtomicBoolean(true);

        @Override
        public boolean enabled() {
            return on.get();
        }

        @Override
        public void write(String line) {
            if (lines.size() % 1000 == 0) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            lines.add(line);
        }
    }

    @Test
    void everyLineIsWrittenExactlyOnceEvenWhenTheQueueFills() throws Exception {
        Collecting sink = new Collecting();
        AccessLog log = new AccessLog(sink);
        int threads = 4;
        int each = AccessLog.CAPACITY; // 4 x the queue
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    log.record("GET", "/api/v1/models/{model}", "/api/v1/models/m" + me + "-" + i, 200, 1, "p" + me);
                }
            });
            running.add(thread);
            thread.start();
        }
        for (Thread thread : running) {
            thread.join();
        }
        log.close();
        assertThat(sink.lines).hasSize(threads * each);
        Set<String> distinct = new HashSet<>(sink.lines);
        assertThat(distinct).hasSize(threads * each);
        assertThat(sink.lines).contains("GET /api/v1/models/{model} /api/v1/models/m3-17 200 1ms p3");

        log.record("POST", "/x", "/x", 201, 2, "late");
        assertThat(sink.lines).last().isEqualTo("POST /x /x 201 2ms late");
    }

    @Test
    void theClientsPathIsEscapedAndNothingIsQueuedWhenTheLoggerIsOff() {
        Collecting sink = new Collecting();
        AccessLog log = new AccessLog(sink);
        log.record("GET", "/api/v1/models/{model}", "/api/v1/models/a\nFAKE 200", 404, 0, "-");
        sink.on.set(false);
        log.record("GET", "/health", "/health", 200, 0, "-");
        log.close();
        assertThat(sink.lines).hasSize(1);
        assertThat(sink.lines.get(0)).doesNotContain("\n").startsWith("GET /api/v1/models/{model} /api/v1/models/a")
                .endsWith(" 404 0ms -");
    }
}
