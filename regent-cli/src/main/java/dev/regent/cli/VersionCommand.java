package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent version}: register, list, show, update and delete versions. */
@Command(name = "version", description = "Register, list, show, update and delete model versions.")
final class VersionCommand {
}
