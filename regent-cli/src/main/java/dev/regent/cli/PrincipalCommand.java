package dev.regent.cli;

import picocli.CommandLine.Command;

/** {@code regent principal}: register principals and grant roles (admins only), list them. */
@Command(name = "principal", description = "Register principals, grant roles, list them.",
        subcommands = {PrincipalAdd.class, PrincipalRevoke.class, PrincipalList.class})
final class PrincipalCommand {
}
