package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent principal}: register principals and grant roles (admins only), list them. */
@Command(name = "principal", description = "Register principals, grant roles, list them.")
final class PrincipalCommand {
}
