package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent webhook delete ID}: nothing more is sent; its delivery history stays. */
@Command(name = "delete", description = "Delete a webhook (its delivery history stays).")
final class WebhookDelete extends WebhookVerb {
    @Override
    int run(Session session) {
        return report(access(session).delete(id, dryRun()));
    }
}
