package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent audit}: read the audit log. */
@Command(name = "audit", description = "Read, sign, prove and verify the audit log.")
final class AuditCommand {
}
