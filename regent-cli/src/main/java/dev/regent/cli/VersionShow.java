package dev.regent.cli;

import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.AliasName;
import dev.regent.core.registry.VersionWithAliases;
import java.io.PrintWriter;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code regent version show MODEL VERSION}: every field of one version. */
@Command(name = "show", description = "Show one version: lineage, digest, metrics, params, stage, aliases.")
final class VersionShow extends OneVersionCommand {
    @Override
    int run(Session session) {
        VersionWithAliases shown = session.registry().versionWithAliases(model, number);
        ModelVersion v = shown.version();
        String aliases = shown.aliases().stream().map(AliasName::value).collect(Collectors.joining(", "));
        if (json()) {
            var node = JsonViews.version(v);
            var array = node.putArray("aliases");
            shown.aliases().forEach(alias -> array.add(alias.value()));
            Json.print(node, out());
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println("Version:         " + v.ref());
        out.println("Stage:           " + v.stage());
        out.println("Aliases:         " + (aliases.isEmpty() ? "(none)" : aliases));
        out.println("Source:          " + v.source());
        out.println("Digest:          " + v.artifactDigest().map(Object::toString).orElse("(none recorded)"));
        out.println("Run id:          " + orNone(v.lineage().runId()));
        out.println("Dataset version: " + orNone(v.lineage().datasetVersion()));
        out.println("Code version:    " + orNone(v.lineage().codeVersion()));
        out.println("Metrics:         " + (v.metrics().values().isEmpty() ? "(none)" : v.metrics().values()));
        out.println("Params:          " + (v.params().values().isEmpty() ? "(none)" : v.params().values()));
        out.println("Tags:            " + (v.tags().isEmpty() ? "(none)" : v.tags().values()));
        out.println("Description:     " + (v.description().isEmpty() ? "(none)" : v.description().text()));
        out.println("Created:         " + v.createdAt() + " by " + v.createdBy());
        out.println("Updated:         " + v.updatedAt());
        out.flush();
        return ExitCodes.OK;
    }

    private static String orNone(String value) {
        return value == null ? "(none)" : value;
    }
}
