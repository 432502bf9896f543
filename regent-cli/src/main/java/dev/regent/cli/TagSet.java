package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.evidence.EvidenceId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent tag set MODEL VERSION TAG --evidence ID} */
@Command(name = "set", description = "Set a compliance tag on a version, backed by evidence of a kind that supports it.")
final class TagSet extends OneVersionCommand {
    @Parameters(index = "2", arity = "0..1", paramLabel = "TAG")
    String tag;

    @Option(names = "--evidence", paramLabel = "ID", description = "The evidence that supports the tag (required).")
    String rawEvidence;

    private EvidenceId evidence;

    @Override
    void prepareOptions(MissingInputs inputs) {
        tag = inputs.require("TAG", tag);
        rawEvidence = inputs.require("--evidence", rawEvidence);
    }

    @Override
    void validateOptions() {
        evidence = EvidenceId.parse(rawEvidence);
    }

    @Override
    int run(Session session) {
        return report(session.registry().setComplianceTag(model, number, tag, evidence, dryRun()));
    }
}
