package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.api.WebhookWires;
import dev.regent.cli.output.Json;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent webhook list [--model M]}: the webhooks the caller administers, never their secrets. */
@Command(name = "list", description = "List webhooks (all for admins; a model's for its admins).")
final class WebhookList extends WebhookVerb {
    @Option(names = "--model", paramLabel = "M", description = "Only this model's webhooks.")
    String model;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        List<WebhookWires.Webhook> hooks = access(session).list(model);
        if (json()) {
            Json.print(new WebhookWires.Webhooks(hooks), out());
        } else if (hooks.isEmpty()) {
            out().println("No webhooks. Create one with 'regent webhook create --url URL --events E,…'.");
        } else {
            hooks.forEach(this::print);
        }
        out().flush();
        return ExitCodes.OK;
    }
}
