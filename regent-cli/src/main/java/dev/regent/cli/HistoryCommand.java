package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.ModelName;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent history MODEL}: the model's stage transitions, oldest first. */
@Command(name = "history", description = "Show a model's stage history: who moved which version where, when and why.")
final class HistoryCommand extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    private ModelName model;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
    }

    @Override
    int run(Session session) {
        List<Transition> history = session.registry().history(model);
        if (json()) {
            ArrayNode array = Json.array();
            history.forEach(t -> array.add(JsonViews.transition(t)));
            Json.print(Json.object().put("model", model.value()).set("transitions", array), out());
            return ExitCodes.OK;
        }
        if (history.isEmpty()) {
            out().println("No stage changes yet for '" + model + "'.");
            return ExitCodes.OK;
        }
        Table table = new Table("WHEN", "VERSION", "FROM", "TO", "CAUSE", "BY", "REASON");
        for (Transition t : history) {
            table.row(t.at().toString(), t.version().toString(), t.from().label(), t.to().label(), t.cause().name(),
                    t.actor().name(), Table.firstLine(t.reason()));
        }
        table.print(out());
        return ExitCodes.OK;
    }
}
