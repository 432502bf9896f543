package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.model.Principal;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent token list [--principal P]}: ids, owners, expiry and revocation — never secrets. */
@Command(name = "list", description = "List tokens (admins: anyone's; others: their own). Secrets are never shown.")
final class TokenList extends RegistryCommand {
    @Option(names = "--principal", paramLabel = "P", description = "Only this principal's tokens (default: your own; 'all' for everyone).")
    String rawPrincipal;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        if (rawPrincipal != null && !rawPrincipal.equals("all")) {
            Principal.of(rawPrincipal);
        }
    }

    @Override
    int run(Session session) {
        Principal of = rawPrincipal == null ? session.actor() : rawPrincipal.equals("all") ? null : Principal.of(rawPrincipal);
        List<TokenRecord> tokens = session.registry().tokens(of);
        if (json()) {
            ArrayNode array = Json.array();
            for (TokenRecord t : tokens) {
                array.addObject().put("id", t.id()).put("principal", t.principal().name()).put("description", t.description())
                        .put("created_by", t.createdBy().name()).put("created_at", t.createdAt().toString())
                        .put("expires_at", t.expiresAt() == null ? null : t.expiresAt().toString())
                        .put("revoked_at", t.revokedAt() == null ? null : t.revokedAt().toString());
            }
            Json.print(Json.object().set("tokens", array), out());
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "PRINCIPAL", "CREATED", "EXPIRES", "STATE", "DESCRIPTION");
        for (TokenRecord t : tokens) {
            table.row(t.id(), t.principal().name(), t.createdAt().toString(), t.expiresAt() == null ? "never" : t.expiresAt().toString(),
                    t.revokedAt() != null ? "revoked" : t.validAt(environment().clock().instant()) ? "valid" : "expired",
                    t.description());
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
