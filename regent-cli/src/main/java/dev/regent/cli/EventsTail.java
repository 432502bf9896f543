package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.api.WebhookWires;
import dev.regent.cli.output.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent events tail [--model M] [--after SEQ] [--follow]}: events after SEQ the caller may read, one line each
 * (with --json one JSON document per line); --follow keeps waiting for new ones (long-poll), for a deployment
 * controller without a public endpoint.
 */
@Command(name = "tail", description = "Print events after a sequence number; --follow keeps waiting for new ones.")
final class EventsTail extends RegistryCommand {
    @Option(names = "--model", paramLabel = "M", description = "Only this model's events.")
    String model;

    @Option(names = "--after", paramLabel = "SEQ", description = "Start after this audit sequence number (default 0: from the start).")
    long after;

    @Option(names = "--limit", paramLabel = "N", description = "Stop after N events (default: all there are, or forever with --follow).")
    Long limit;

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new events (until interrupted).")
    boolean follow;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        if (after < 0) {
            throw dev.regent.core.error.RegentException.invalid("--after must not be negative");
        }
    }

    @Override
    int run(Session session) {
        WebhookAccess access = WebhookAccess.of(session, root());
        long cursor = after;
        long printed = 0;
        while (limit == null || printed < limit) {
            WebhookWires.Events page = access.events(cursor, 500, model, follow ? 30 : 0);
            for (Map<String, Object> e : page.events()) {
                if (limit != null && printed >= limit) {
                    break;
                }
                print(e);
                printed++;
            }
            cursor = page.next();
            if (page.events().isEmpty() && !follow) {
                break;
            }
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void print(Map<String, Object> e) {
        if (json()) {
            try {
                out().println(Json.mapper().writeValueAsString(e));
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                throw new IllegalStateException(x);
            }
        } else {
            String reason = String.valueOf(e.get("reason"));
            out().println(e.get("seq") + "  " + e.get("at") + "  " + e.get("type") + "  " + e.get("target") + "  by "
                    + e.get("actor") + (reason.isEmpty() ? "" : "  \"" + reason + "\"") + "  " + e.get("after"));
        }
        out().flush();
    }
}
