package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Principal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent principal add NAME --role ROLE [--model M] [--service | --agent]} */
@Command(name = "add", description = "Register a principal with a role, or grant an existing one another role (admins only).")
final class PrincipalAdd extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String rawName;

    @Option(names = "--role", paramLabel = "ROLE", description = "viewer, contributor, approver or admin.")
    String rawRole;

    @Option(names = "--model", paramLabel = "M", description = "Grant the role on this model only.")
    String rawModel;

    @Option(names = "--service", description = "A service account (CI jobs, pipelines).")
    boolean service;

    @Option(names = "--agent", description = "An AI agent: may register and document, never approve.")
    boolean agent;

    private Principal subject;
    private Grant grant;
    private PrincipalKind kind;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
        rawRole = inputs.require("--role", rawRole);
    }

    @Override
    void validate() {
        if (service && agent) {
            throw RegentException.invalid("a principal is either --service or --agent, not both");
        }
        subject = Principal.of(rawName);
        grant = Grant.of(rawRole, rawModel);
        kind = agent ? PrincipalKind.AGENT : service ? PrincipalKind.SERVICE : PrincipalKind.USER;
    }

    @Override
    int run(Session session) {
        return report(session.registry().addPrincipal(subject, kind, grant, dryRun()));
    }
}
