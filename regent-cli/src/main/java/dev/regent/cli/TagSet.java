package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code regent tag set MODEL VERSION TAG --evidence ID} */
@Command(name = "set", description = "Set a compliance tag on a version, backed by evidence of a kind that supports it.")
final class TagSet extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TAG")
    String tag;

    @Option(names = "--evidence", paramLabel = "ID", description = "The evidence that supports the tag (required).")
    String rawEvidence;

    private ModelName model;
    private VersionNumber number;
    private EvidenceId evidence;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawVersion = inputs.require("VERSION", rawVersion);
        tag = inputs.require("TAG", tag);
        rawEvidence = inputs.require("--evidence", rawEvidence);
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        number = VersionNumber.parse(rawVersion);
        evidence = EvidenceId.parse(rawEvidence);
    }

    @Override
    int run(LocalSession session) {
        return report(session.registry().setComplianceTag(session.actor(), model, number, tag, evidence, dryRun()));
    }
}
