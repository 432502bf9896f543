package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.error.RegentException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent token revoke ID}: the token stops authenticating at once. */
@Command(name = "revoke", description = "Revoke a token by its id.")
final class TokenRevoke extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    String id;

    @Override
    void prepare(MissingInputs inputs) {
        id = inputs.require("ID", id);
    }

    @Override
    void validate() {
        if (!id.matches("tok-[0-9a-f]{12}")) {
            throw RegentException.invalid("invalid token id '" + id + "': expected tok- followed by 12 hex digits (see 'regent token list')");
        }
    }

    @Override
    int run(Session session) {
        return report(session.registry().revokeToken(id, dryRun()));
    }
}
