package dev.regent.cli;

import dev.regent.cli.artifact.ArtifactDigest;
import dev.regent.cli.artifact.ArtifactUpload;
import dev.regent.cli.artifact.Progress;
import dev.regent.cli.input.KeyValues;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.input.SourceInput;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Params;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.NewVersion;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regent version register MODEL --source URI [--digest sha256:HEX | --file PATH] …}: registers a new,
 * immutable version. With --file the digest is computed here (a file's SHA-256 or a directory's manifest digest),
 * and the source defaults to that path. With --upload the file or directory is stored in the registry's blob store
 * (a directory as its files plus the canonical manifest) and the source defaults to {@code regent-blob:sha256:…}.
 */
@Command(name = "register", description = "Register a new immutable version of a model.")
final class VersionRegister extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Option(names = "--source", paramLabel = "URI", description = "Where the artifact lives (URI, or a local path).")
    String rawSource;

    @Option(names = "--digest", paramLabel = "sha256:HEX", description = "The artifact's digest, if known.")
    String rawDigest;

    @Option(names = "--file", paramLabel = "PATH", description = "Compute the digest from this file or directory.")
    Path file;

    @Option(names = "--upload", paramLabel = "PATH", description = "Store this file or directory in the registry's blob "
            + "store and register it (the source defaults to the registry's own regent-blob: URI).")
    Path upload;

    @Option(names = "--run-id", paramLabel = "ID")
    String runId;

    @Option(names = "--dataset-version", paramLabel = "S")
    String datasetVersion;

    @Option(names = "--code-version", paramLabel = "S")
    String codeVersion;

    @Option(names = "--metric", paramLabel = "K=V", description = "A metric (finite number); repeat for more.")
    List<String> rawMetrics;

    @Option(names = "--param", paramLabel = "K=V", description = "A training parameter; repeat for more.")
    List<String> rawParams;

    @Option(names = "--description", paramLabel = "D")
    String rawDescription;

    @Option(names = "--tag", paramLabel = "K=V")
    List<String> rawTags;

    private NewVersion request;
    private ArtifactUpload uploading;
    private SourceUri givenSource;

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        if (file == null && upload == null) {
            rawSource = inputs.require("--source", rawSource);
        }
    }

    @Override
    void validate() {
        if (rawDigest != null && file != null) {
            throw RegentException.invalid("give either --digest or --file, not both");
        }
        if (upload != null && (file != null || rawDigest != null)) {
            throw RegentException.invalid("--upload computes the digest from what it stores: drop --file and --digest");
        }
        ModelName model = ModelName.of(rawModel);
        Path workingDir = environment().workingDir();
        SourceUri source = rawSource != null ? SourceInput.parse(rawSource, workingDir)
                : upload != null ? null : SourceInput.fromPath(workingDir.resolve(file));
        Digest digest = rawDigest != null ? Digest.parse(rawDigest) : null;
        Lineage lineage = new Lineage(runId, datasetVersion, codeVersion);
        Metrics metrics = Metrics.of(KeyValues.metrics(rawMetrics));
        Params params = Params.of(KeyValues.parse(rawParams, "--param"));
        Description description = Description.of(rawDescription);
        Tags tags = Tags.of(KeyValues.parse(rawTags, "--tag"));
        if (file != null) {
            digest = ArtifactDigest.of(workingDir.resolve(file));
        }
        if (upload != null) {
            uploading = ArtifactUpload.of(workingDir.resolve(upload));
            givenSource = source;
            request = NewVersion.stored(model, source, Digest.sha256Of(new byte[0]), lineage, metrics, params, description, tags);
            return;
        }
        request = new NewVersion(model, source, digest, lineage, metrics, params, description, tags);
    }

    @Override
    int run(Session session) {
        if (uploading == null) {
            return report(session.registry().registerVersion(request, dryRun()));
        }
        // blobs are inert until a version refers to them, so even a dry run stores them: the plan checks them
        ArtifactUpload.Stored stored = uploading.store(session.registry(), request.model(),
                new Progress(environment().err(), Progress.wanted(environment().variable("REGENT_PROGRESS").orElse(null))));
        NewVersion withArtifact = NewVersion.stored(request.model(), givenSource, stored.digest(),
                request.lineage(), request.metrics(), request.params(), request.description(), request.tags());
        return report(session.registry().registerVersion(withArtifact, stored.kind(), dryRun()));
    }
}
