package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent version list MODEL}: every live version with its stage, aliases and short digest. */
@Command(name = "list", description = "List a model's versions.")
final class VersionList extends RegistryCommand {
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
        ModelOverview overview = session.registry().overview(model);
        List<ModelVersion> all = new ArrayList<>();
        String token = null;
        do {
            Page<ModelVersion> page = session.registry().versions(model, token, Registry.MAX_PAGE);
            all.addAll(page.items());
            token = page.nextPageToken();
        } while (token != null);
        if (json()) {
            ArrayNode array = Json.array();
            for (ModelVersion v : all) {
                ArrayNode aliases = JsonViews.version(v).arrayNode();
                aliasesOf(overview, v.number()).forEach(a -> aliases.add(a.value()));
                array.add(JsonViews.version(v).set("aliases", aliases));
            }
            Json.print(Json.object().set("versions", array), out());
            return ExitCodes.OK;
        }
        if (all.isEmpty()) {
            out().println("Model '" + model + "' has no versions yet. Register one with: regent version register "
                    + dev.regent.core.report.Shell.quote(model)
                    + " --source URI");
            return ExitCodes.OK;
        }
        Table table = new Table("VERSION", "STAGE", "ALIASES", "DIGEST", "CREATED BY", "CREATED");
        for (ModelVersion v : all) {
            table.row(v.number().toString(), v.stage().label(),
                    aliasesOf(overview, v.number()).stream().map(AliasName::value).collect(Collectors.joining(",")),
                    v.artifactDigest().map(d -> d.shortForm()).orElse("-"), v.createdBy().name(), v.createdAt().toString());
        }
        table.print(out());
        return ExitCodes.OK;
    }

    private static List<AliasName> aliasesOf(ModelOverview overview, VersionNumber number) {
        return overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number)).map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }
}
