package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent evidence}: attach, list, show and revoke evidence. */
@Command(name = "evidence", description = "Attach, list, show and revoke evidence (eval reports, bias reports, …).")
final class EvidenceCommand {
}
