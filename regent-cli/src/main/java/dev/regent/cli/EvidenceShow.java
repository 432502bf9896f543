package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code regent evidence show ID} */
@Command(name = "show", description = "Show one piece of evidence, its eval metrics and revocation state.")
final class EvidenceShow extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    String rawId;

    private EvidenceId id;

    @Override
    void prepare(MissingInputs inputs) {
        rawId = inputs.require("ID", rawId);
    }

    @Override
    void validate() {
        id = EvidenceId.parse(rawId);
    }

    @Override
    int run(Session session) {
        Evidence e = session.registry().evidence(id);
        if (json()) {
            Json.print(JsonViews.evidence(e), out());
            return ExitCodes.OK;
        }
        PrintWriter out = out();
        out.println("Evidence:  " + e.id());
        out.println("Version:   " + e.model() + "/" + e.version());
        out.println("Kind:      " + e.kind());
        out.println("Digest:    " + e.digest());
        out.println("Content:   " + (e.stored() ? "stored in the registry" : e.uri()));
        out.println("Summary:   " + (e.summary().isEmpty() ? "(none)" : e.summary()));
        out.println("Attached:  " + e.at() + " by " + e.author());
        e.eval().ifPresent(r -> {
            out.println("Dataset:   " + r.dataset());
            out.println("Metrics:   " + r.metrics().values());
            out.println("Passed:    " + (r.passed() == null ? "(not stated)" : r.passed()));
        });
        out.println("State:     " + (e.revoked() ? "REVOKED at " + e.revocation().at() + " by " + e.revocation().by() + ": "
                + e.revocation().reason() : "valid"));
        out.flush();
        return ExitCodes.OK;
    }
}
