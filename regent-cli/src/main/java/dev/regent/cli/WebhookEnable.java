package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent webhook enable ID}. */
@Command(name = "enable", description = "Enable a webhook (and clear its flag).")
final class WebhookEnable extends WebhookVerb {
    @Override
    int run(Session session) {
        return report(access(session).setEnabled(id, true, dryRun()));
    }
}
