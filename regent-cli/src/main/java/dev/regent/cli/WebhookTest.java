package dev.regent.cli;

import dev.regent.cli.output.Json;
import picocli.CommandLine.Command;

/** {@code regent webhook test ID}: a signed ping now; exit 0 when the receiver answered 2xx, 1 otherwise. */
@Command(name = "test", description = "Send a signed ping to a webhook now and show what it answered.")
final class WebhookTest extends WebhookVerb {
    @Override
    int run(Session session) {
        var ping = access(session).test(id);
        boolean ok = ping.statusCode() != null && ping.statusCode() / 100 == 2;
        if (json()) {
            Json.print(ping, out());
        } else {
            out().println((ok ? "Delivered" : "Not delivered") + " ping " + ping.deliveryId() + " in " + ping.latencyMs() + " ms: "
                    + (ping.statusCode() == null ? ping.error() : "HTTP " + ping.statusCode())
                    + (ping.responseExcerpt().isEmpty() ? "" : " — " + ping.responseExcerpt()));
            out().flush();
        }
        return ok ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
