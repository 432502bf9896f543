package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalRecord;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code regent principal list} */
@Command(name = "list", description = "List principals and their roles (admins only).")
final class PrincipalList extends RegistryCommand {
    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        List<PrincipalRecord> all = session.registry().principals();
        if (json()) {
            ArrayNode array = Json.array();
            for (PrincipalRecord p : all) {
                ObjectNode node = array.addObject().put("name", p.principal().name()).put("kind", p.kind().name().toLowerCase())
                        .put("created_by", p.createdBy().name()).put("created_at", p.createdAt().toString());
                ArrayNode grants = node.putArray("grants");
                for (Grant g : p.grants()) {
                    ObjectNode gn = grants.addObject().put("role", g.role().label());
                    if (g.model() != null) {
                        gn.put("model", g.model().value());
                    }
                }
            }
            Json.print(Json.object().set("principals", array), out());
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "KIND", "ROLES", "CREATED BY", "CREATED");
        for (PrincipalRecord p : all) {
            table.row(p.principal().name(), p.kind().name().toLowerCase(),
                    p.grants().stream().map(Grant::toString).collect(Collectors.joining(", ")), p.createdBy().name(),
                    p.createdAt().toString());
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
