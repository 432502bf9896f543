package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent webhook}: push every change to CI/CD and chat, signed and retried (see docs/webhooks.md). */
@Command(name = "webhook", description = "Create, inspect and manage webhooks (signed, retried deliveries of events).")
final class WebhookCommand {
}
