package dev.regent.cli;

import dev.regent.cli.output.Json;
import picocli.CommandLine.Command;

/** {@code regent webhook show ID}. */
@Command(name = "show", description = "Show one webhook (never its secret).")
final class WebhookShow extends WebhookVerb {
    @Override
    int run(Session session) {
        var w = access(session).get(id);
        if (json()) {
            Json.print(w, out());
        } else {
            print(w);
            out().flush();
        }
        return ExitCodes.OK;
    }
}
