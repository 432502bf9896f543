package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent audit}: read the audit log. */
@Command(name = "audit", description = "Read the audit log.", subcommands = {AuditLog.class})
final class AuditCommand {
}
