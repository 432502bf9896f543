package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.access.Grant;
import dev.regent.core.model.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent principal revoke NAME --role ROLE [--model M]} */
@Command(name = "revoke", description = "Take one role away from a principal (admins only; never the last admin's). "
        + "Its tokens stay: revoke them with 'regent token revoke' to lock it out.")
final class PrincipalRevoke extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String rawName;

    @Option(names = "--role", paramLabel = "ROLE", description = "viewer, contributor, approver or admin.")
    String rawRole;

    @Option(names = "--model", paramLabel = "M", description = "The grant on this model (default: the global one).")
    String rawModel;

    private Principal subject;
    private Grant grant;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
        rawRole = inputs.require("--role", rawRole);
    }

    @Override
    void validate() {
        subject = Principal.of(rawName);
        grant = Grant.of(rawRole, rawModel);
    }

    @Override
    int run(Session session) {
        return report(session.registry().revokeGrant(subject, grant, dryRun()));
    }
}
