package dev.regent.cli;

import dev.regent.cli.input.KeyValues;
import dev.regent.core.model.Description;
import dev.regent.core.registry.Annotations;
import java.util.HashSet;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent version update MODEL VERSION [--description D] [--tag K=V]... [--untag K]...}: annotate, never re-register. */
@Command(name = "update", description = "Annotate a version: description and tags (nothing else about a version changes).")
final class VersionUpdate extends OneVersionCommand {
    @Option(names = "--description", paramLabel = "D")
    String rawDescription;

    @Option(names = "--tag", paramLabel = "K=V")
    List<String> rawTags;

    @Option(names = "--untag", paramLabel = "K")
    List<String> untags;

    private Annotations change;

    @Override
    void validateOptions() {
        change = new Annotations(rawDescription == null ? null : Description.of(rawDescription),
                KeyValues.parse(rawTags, "--tag"), untags == null ? null : new HashSet<>(untags));
    }

    @Override
    int run(Session session) {
        return report(session.registry().updateVersion(model, number, change, dryRun()));
    }
}
