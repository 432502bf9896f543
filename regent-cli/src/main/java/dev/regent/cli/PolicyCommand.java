package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent policy}: the registry's policy in effect, its revisions, applying one, and checking a file. */
@Command(name = "policy", description = "The registry's policy: show it, its history, apply a new revision, check a file.")
final class PolicyCommand {
}
