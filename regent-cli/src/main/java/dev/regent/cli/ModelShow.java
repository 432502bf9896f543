package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.registry.ModelOverview;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent model show NAME}: the model, its stage holders and aliases. */
@Command(name = "show", description = "Show a model with its Staging/Production versions and aliases.")
final class ModelShow extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME")
    String rawName;

    private ModelName name;

    @Override
    void prepare(MissingInputs inputs) {
        rawName = inputs.require("NAME", rawName);
    }

    @Override
    void validate() {
        name = ModelName.of(rawName);
    }

    @Override
    int run(Session session) {
        ModelOverview o = session.registry().overview(name);
        if (json()) {
            Json.print(JsonViews.overview(o), out());
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println("Model:       " + o.model().name());
        out.println("Description: " + (o.model().description().isEmpty() ? "(none)" : o.model().description().text()));
        out.println("Tags:        " + (o.model().tags().isEmpty() ? "(none)" : o.model().tags().values()));
        out.println("Created:     " + o.model().createdAt() + " by " + o.model().createdBy());
        out.println("Updated:     " + o.model().updatedAt());
        out.println("Versions:    " + o.liveVersions() + (o.latest() == null ? "" : " (latest " + o.latest() + ")"));
        for (Stage s : new Stage[] {Stage.PRODUCTION, Stage.STAGING}) {
            out.println(String.format("%-12s %s", s.label() + ":", o.stageHolders().containsKey(s)
                    ? "version " + o.stageHolders().get(s) : "(none)"));
        }
        out.println("Aliases:     " + (o.aliases().isEmpty() ? "(none)" : o.aliases()));
        out.flush();
        return ExitCodes.OK;
    }
}
