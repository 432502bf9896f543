package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.evidence.Evidence;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code regent evidence list MODEL VERSION} */
@Command(name = "list", description = "List the evidence attached to a version, revoked included.")
final class EvidenceList extends OneVersionCommand {
    @Override
    int run(Session session) {
        List<Evidence> all = session.registry().evidenceOf(model, number);
        if (json()) {
            ArrayNode array = Json.array();
            all.forEach(e -> array.add(JsonViews.evidence(e)));
            Json.print(Json.object().set("evidence", array), out());
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            out().println("No evidence attached to " + model + "/" + number + ".");
            return ExitCodes.OK;
        }
        Table table = new Table("ID", "KIND", "DIGEST", "STATE", "BY", "AT", "SUMMARY");
        for (Evidence e : all) {
            table.row(e.id().value(), e.kind().value(), e.digest().shortForm(), e.revoked() ? "REVOKED" : "valid",
                    e.author().name(), e.at().toString(), Table.firstLine(e.summary()));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
