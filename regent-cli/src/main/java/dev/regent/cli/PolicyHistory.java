package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.policy.PolicyRevision;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code regent policy history}: every revision of the registry's policy, oldest first; the last is in effect. */
@Command(name = "history", description = "List the policy's revisions: number, digest, who applied it, when and why.")
final class PolicyHistory extends RegistryCommand {

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        List<PolicyRevision> revisions = session.registry().policyHistory();
        if (json()) {
            var array = Json.array();
            revisions.forEach(r -> array.addObject().put("revision", r.number()).put("digest", r.digest().value())
                    .put("source", r.source()).put("applied_by", r.appliedBy().name()).put("applied_at", r.appliedAt().toString())
                    .put("reason", r.reason()));
            Json.print(Json.object().set("revisions", array), out());
            return ExitCodes.OK;
        }
        Table table = new Table("REVISION", "DIGEST", "APPLIED BY", "APPLIED AT", "SOURCE", "REASON");
        for (PolicyRevision r : revisions) {
            table.row(r.number() + (r.number() == revisions.size() ? " (in effect)" : ""), r.digest().shortForm(),
                    r.appliedBy().name(), r.appliedAt().toString(), r.source(), Table.firstLine(r.reason()));
        }
        table.print(out());
        out().flush();
        return ExitCodes.OK;
    }
}
