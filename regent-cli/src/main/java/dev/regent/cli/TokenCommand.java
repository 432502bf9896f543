package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent token}: bearer tokens for the server (create shows the secret once; list; revoke). */
@Command(name = "token", description = "Create, list and revoke bearer tokens for the server.")
final class TokenCommand {
}
