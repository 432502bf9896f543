package dev.regent.cli;

import dev.regent.cli.input.FileInput;
import dev.regent.cli.input.MissingInputs;
import dev.regent.core.error.RegentException;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Digest;
import dev.regent.core.model.SourceUri;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code regent evidence add MODEL VERSION --kind KIND (--file PATH | --uri URI --digest sha256:HEX) [--summary S]} */
@Command(name = "add", description = "Attach evidence to a version: a file (stored content-addressed) or a URI with its digest.")
final class EvidenceAdd extends OneVersionCommand {
    @Option(names = "--kind", paramLabel = "KIND", description = "eval-report, bias-report, validation-report, …")
    String rawKind;

    @Option(names = "--file", paramLabel = "PATH", description = "The evidence file (stored by the registry).")
    String rawFile;

    @Option(names = "--uri", paramLabel = "URI", description = "Where the evidence lives, if not uploaded.")
    String rawUri;

    @Option(names = "--digest", paramLabel = "sha256:HEX", description = "The digest of the evidence at --uri.")
    String rawDigest;

    @Option(names = "--summary", paramLabel = "S", description = "One line on what it shows.")
    String summary;

    @Option(names = "--id-only", description = "Print only the new evidence id (for scripts: ID=$(regent evidence add … --id-only)).")
    boolean idOnly;

    private NewEvidence request;

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawKind = inputs.require("--kind", rawKind);
        if (rawFile == null && rawUri == null) {
            rawFile = inputs.require("--file (or --uri with --digest)", null);
        }
    }

    @Override
    void validateOptions() {
        if (rawFile != null && rawUri != null) {
            throw RegentException.invalid("give either --file or --uri with --digest, not both");
        }
        EvidenceKind kind = EvidenceKind.of(rawKind);
        if (rawFile != null) {
            byte[] content = FileInput.bytes(environment().workingDir().resolve(rawFile), NewEvidence.MAX_CONTENT_BYTES);
            request = NewEvidence.inline(model, number, kind, content, rawDigest == null ? null : Digest.parse(rawDigest), summary);
        } else {
            if (rawDigest == null) {
                throw RegentException.invalid("evidence given by --uri needs --digest sha256:…, so what was checked is pinned");
            }
            request = NewEvidence.referenced(model, number, kind, SourceUri.of(rawUri), Digest.parse(rawDigest), summary);
        }
    }

    @Override
    int run(Session session) {
        OperationReport report = session.registry().addEvidence(request, dryRun());
        if (idOnly && report.outcome() == Outcome.APPLIED && !json()) {
            out().println(report.changes().get(0).target());
            out().flush();
            return ExitCodes.OK;
        }
        return report(report);
    }
}
