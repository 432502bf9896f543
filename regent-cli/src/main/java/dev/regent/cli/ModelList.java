package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.model.Model;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code regent model list}: every live model, in name order. */
@Command(name = "list", description = "List models.")
final class ModelList extends RegistryCommand {
    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        List<Model> all = new ArrayList<>();
        String token = null;
        do {
            Page<Model> page = session.registry().models(token, Registry.MAX_PAGE);
            all.addAll(page.items());
            token = page.nextPageToken();
        } while (token != null);
        if (json()) {
            ArrayNode array = Json.array();
            all.forEach(m -> array.add(JsonViews.model(m)));
            Json.print(Json.object().set("models", array), out());
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            out().println("No models yet. Create one with: regent model create NAME");
            return ExitCodes.OK;
        }
        Table table = new Table("NAME", "CREATED BY", "CREATED", "DESCRIPTION");
        for (Model m : all) {
            table.row(m.name().value(), m.createdBy().name(), m.createdAt().toString(), Table.firstLine(m.description().text()));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
