package dev.regent.cli;

import dev.regent.api.WebhookWires;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent webhook rotate-secret ID [--overlap 24h]}: a new secret, shown once; the old one signs too meanwhile. */
@Command(name = "rotate-secret", description = "Rotate a webhook's signing secret; the old one also signs during the overlap.")
final class WebhookRotate extends WebhookVerb {
    @Option(names = "--overlap", paramLabel = "DURATION", description = "How long the old secret keeps signing (default 24h).")
    String overlap;

    @Override
    int run(Session session) {
        String iso = overlap == null ? null : DurationInput.parse(overlap).toString();
        return created(access(session).update(id, new WebhookWires.Update(null, null, null, null, null, true, iso), dryRun()));
    }
}
