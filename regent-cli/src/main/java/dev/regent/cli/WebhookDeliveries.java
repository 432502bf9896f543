package dev.regent.cli;

import dev.regent.cli.output.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent webhook deliveries ID [--limit N] [--before SEQ]}: newest first, with every attempt. */
@Command(name = "deliveries", description = "List a webhook's deliveries with every attempt.")
final class WebhookDeliveries extends WebhookVerb {
    @Option(names = "--limit", paramLabel = "N", description = "At most N deliveries (default 20).")
    int limit = 20;

    @Option(names = "--before", paramLabel = "SEQ", description = "Deliveries of events before this sequence number.")
    Long before;

    @Override
    int run(Session session) {
        var page = access(session).deliveries(id, before, Math.max(1, Math.min(limit, 1000)));
        if (json()) {
            Json.print(page, out());
            return ExitCodes.OK;
        }
        if (page.deliveries().isEmpty()) {
            out().println("No deliveries yet.");
        }
        for (var d : page.deliveries()) {
            out().println(d.id() + "  event " + d.seq() + "  " + d.status() + "  " + d.attempts() + " attempt(s)"
                    + (d.nextAttemptAt() == null ? "" : ", next at " + d.nextAttemptAt()));
            for (var a : d.attemptLog()) {
                out().println("  #" + a.number() + " " + a.startedAt() + "  " + (a.statusCode() == null ? a.error()
                        : "HTTP " + a.statusCode()) + "  " + a.latencyMs() + " ms  (" + a.node() + ")"
                        + (a.responseExcerpt().isEmpty() ? "" : "  " + a.responseExcerpt()));
            }
        }
        out().flush();
        return ExitCodes.OK;
    }
}
