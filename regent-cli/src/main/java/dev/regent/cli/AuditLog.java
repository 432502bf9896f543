package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.model.ModelName;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent audit log [--model M] [--after SEQ] [--limit N]}: audit entries in sequence order. */
@Command(name = "log", description = "List audit entries in order: who did what, when, why, and the outcome.")
final class AuditLog extends RegistryCommand {
    @Option(names = "--model", paramLabel = "M", description = "Only entries about this model.")
    String rawModel;

    @Option(names = "--after", paramLabel = "SEQ", description = "Only entries after this sequence number.")
    long after;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many entries (default 1000, max 10000).")
    int limit = 1000;

    private AuditQuery query;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        query = new AuditQuery(rawModel == null ? null : ModelName.of(rawModel), after, limit);
    }

    @Override
    int run(Session session) {
        List<AuditEntry> entries = session.registry().audit(query);
        if (json()) {
            ArrayNode array = Json.array();
            entries.forEach(e -> array.add(JsonViews.audit(e)));
            Json.print(Json.object().set("entries", array), out());
            return ExitCodes.OK;
        }
        if (entries.isEmpty()) {
            out().println("No audit entries" + (rawModel == null ? "." : " for '" + rawModel + "'."));
            return ExitCodes.OK;
        }
        Table table = new Table("SEQ", "WHEN", "ACTOR", "ACTION", "TARGET", "OUTCOME", "REASON", "CHANGE");
        for (AuditEntry e : entries) {
            table.row(Long.toString(e.seq()), e.at().toString(), e.actor().name(), e.action().wireName(), e.target(),
                    e.outcome().name(), Table.firstLine(e.reason()), change(e));
        }
        table.print(out());
        return ExitCodes.OK;
    }

    private static String change(AuditEntry e) {
        if (e.after().containsKey("refused")) {
            return Table.firstLine(e.after().get("refused"));
        }
        return e.after().entrySet().stream().filter(x -> !e.before().containsKey(x.getKey())
                        || !e.before().get(x.getKey()).equals(x.getValue()))
                .map(x -> x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" "));
    }
}
