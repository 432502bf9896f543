package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent card}: set, show, template and export model cards. */
@Command(name = "card", description = "Write, show and export model cards.")
final class CardCommand {
}
