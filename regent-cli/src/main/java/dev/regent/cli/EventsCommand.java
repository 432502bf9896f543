package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent events}: the registry's event feed. */
@Command(name = "events", description = "Follow the registry's events (the feed webhooks are sent from).")
final class EventsCommand {
}
