package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent alias}: set (create or move) and delete aliases. */
@Command(name = "alias", description = "Set or delete a model's aliases.")
final class AliasCommand {
}
