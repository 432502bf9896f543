package dev.regent.server;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's meters: requests by route template, method and status (a timer, so count and latency), gate
 * refusals, and applied transitions (stage and alias moves). Route templates, never raw paths, keep the label set
 * bounded and free of model names.
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry;
    private final Counter gateRefusals;
    private final Counter transitions;

    ServerMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        this.gateRefusals = Counter.builder("regent.gate.refusals").description("Operations refused because a gate failed")
                .register(registry);
        this.transitions = Counter.builder("regent.transitions").description("Applied stage and alias transitions")
                .register(registry);
    }

    /** The request timer of a route and status, kept: building and registering one (tags sorted, ids hashed) per request cost more than the request's own work on hot reads. */
    private final java.util.concurrent.ConcurrentHashMap<RouteStatus, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    private record RouteStatus(RouteTable.Entry route, int status) {
    }

    void request(RouteTable.Entry route, int status, long nanos) {
        Timer timer = timers.get(new RouteStatus(route, status));
        if (timer == null) {
            // route entries are a fixed set and statuses a handful per route, so the map stays small
            timer = timers.computeIfAbsent(new RouteStatus(route, status), k -> Timer.builder("http.server.requests")
                    .description("HTTP requests by route template and status").tag("method", route.method().name())
                    .tag("route", route.path()).tag("status", Integer.toString(status)).register(registry));
        }
        timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void report(OperationReport report) {
        if (report.outcome() == Outcome.REFUSED && report.refusal() == ErrorCode.GATE_FAILED) {
            gateRefusals.increment();
        }
    }

    void transition(OperationReport report) {
        if (report.outcome() == Outcome.APPLIED) {
            transitions.increment();
        }
    }

    String scrape() {
        return registry.scrape();
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }
}
