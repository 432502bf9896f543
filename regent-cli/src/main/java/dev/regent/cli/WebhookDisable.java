package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent webhook disable ID}. */
@Command(name = "disable", description = "Disable a webhook (pending deliveries wait).")
final class WebhookDisable extends WebhookVerb {
    @Override
    int run(Session session) {
        return report(access(session).setEnabled(id, false, dryRun()));
    }
}
