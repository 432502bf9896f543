package dev.regent.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regent.core.approval.Decision;
import dev.regent.core.card.CardFormat;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.registry.NewEvidence;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The examples' world for the web UI's tests: their policy, and models seeded in-process by the principals of a
 * {@link TestServer} (contributor builds, approver and approver2 review) with the examples' card and reports.
 */
final class UiWorld {
    static final Path EXAMPLES = Path.of("..", "examples");
    static final Principal CONTRIBUTOR = Principal.of("contributor");

    private final TestServer t;

    UiWorld(TestServer t) {
        this.t = t;
    }

    static String policy() {
        return read("policy.yaml");
    }

    static String read(String file) {
        try {
            return Files.readString(EXAMPLES.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ModelName model(String name, String description, Map<String, String> tags) {
        ModelName m = ModelName.of(name);
        applied(t.registry.createModel(CONTRIBUTOR, m, Description.of(description), Tags.of(tags), false));
        return m;
    }

    /** Registers a version with a digest, and optionally everything the Production gates ask but the approval. */
    VersionNumber version(ModelName m, int n, boolean documented) {
        VersionNumber v = VersionNumber.of(n);
        applied(t.registry.registerVersion(CONTRIBUTOR, new NewVersion(m, SourceUri.of("s3://models/" + m + "/" + n),
                Digest.sha256Of(("artifact " + m + " " + n).getBytes(StandardCharsets.UTF_8)),
                new Lineage("run-" + n, "loans@v7", "git:4e1f0a2"), null, null, null, Tags.EMPTY), false));
        if (documented) {
            card(m, v, read("card.md"));
            applied(t.registry.addEvidence(CONTRIBUTOR, NewEvidence.inline(m, v, EvidenceKind.EVAL_REPORT,
                    read("eval-report.json").getBytes(StandardCharsets.UTF_8), null, "2025-H2 holdout"), false));
            applied(t.registry.addEvidence(CONTRIBUTOR, NewEvidence.inline(m, v, EvidenceKind.of("bias-report"),
                    read("bias-report.json").getBytes(StandardCharsets.UTF_8), null, "bias review"), false));
            Evidence bias = t.registry.governance().evidenceOf(CONTRIBUTOR, m, v).stream()
                    .filter(e -> e.kind().value().equals("bias-report")).findFirst().orElseThrow();
            applied(t.registry.setComplianceTag(CONTRIBUTOR, m, v, "bias_checked", bias.id(), false));
        }
        return v;
    }

    void card(ModelName m, VersionNumber v, String markdown) {
        applied(t.registry.setCard(CONTRIBUTOR, m, v, ModelCard.parse(markdown, CardFormat.MARKDOWN), false));
    }

    void approve(ModelName m, VersionNumber v, String approver) {
        applied(t.registry.decide(Principal.of(approver), m, v, GateTarget.of(Stage.PRODUCTION), Decision.APPROVE, "ok", false));
    }

    void promote(ModelName m, VersionNumber v, Stage to) {
        applied(t.registry.promote(CONTRIBUTOR, m, v, to, Reason.of("seeded"), false));
    }

    static void applied(OperationReport report) {
        assertThat(report.outcome()).as(report.summary()).isEqualTo(Outcome.APPLIED);
    }
}
