package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.lifecycle.Reason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent evidence revoke ID --reason R} */
@Command(name = "revoke", description = "Revoke evidence: it stays for audit but supports nothing from now on.")
final class EvidenceRevoke extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
    String rawId;

    @Option(names = "--reason", paramLabel = "R", description = "Why (required).")
    String rawReason;

    private EvidenceId id;
    private Reason reason;

    @Override
    void prepare(MissingInputs inputs) {
        rawId = inputs.require("ID", rawId);
        rawReason = inputs.require("--reason", rawReason);
    }

    @Override
    void validate() {
        id = EvidenceId.parse(rawId);
        reason = Reason.of(rawReason);
    }

    @Override
    int run(Session session) {
        return report(session.registry().revokeEvidence(id, reason, dryRun()));
    }
}
