package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent webhook redeliver ID DELIVERY}: sent again now, under the same delivery id. */
@Command(name = "redeliver", description = "Send one delivery again now (same delivery id).")
final class WebhookRedeliver extends WebhookVerb {
    @Parameters(index = "1", arity = "0..1", paramLabel = "DELIVERY", description = "The delivery's id (msg_…).")
    String delivery;

    @Override
    void prepare(MissingInputs inputs) {
        super.prepare(inputs);
        delivery = inputs.require("DELIVERY", delivery);
    }

    @Override
    int run(Session session) {
        return report(access(session).redeliver(id, delivery, dryRun()));
    }
}
