package dev.regent.cli;

import dev.regent.cli.artifact.ArtifactDigest;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.cli.output.ReportText;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.ModelOverview;
import dev.regent.core.registry.Page;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.registry.TagSupport;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent verify MODEL VERSION [--path LOCAL_COPY]}: the check a reviewer runs before trusting a version. It
 * recomputes the artifact digest from a local copy (or, without one, from the registry's blob store: every file of a
 * directory against the manifest, then the manifest) and compares it with the registered one, shows the registry's
 * view of the version, proves the version's audit entries are in the latest signed checkpoint, and lists the older
 * versions still available. Read-only; any mismatch exits 1 and says exactly what differs. Local mode.
 */
@Command(name = "verify", description = "Verify a version: artifact digest, registry view, audit inclusion, older versions.")
final class VerifyCommand extends OneVersionCommand {
    @Option(names = "--path", paramLabel = "LOCAL_COPY", description = "A local copy of the artifact (file or directory) to check.")
    Path path;

    @Override
    int run(Session session) {
        RegistrySession registry = session.registry();
        ModelVersion version = registry.version(model, number);
        List<Finding> findings = new ArrayList<>();
        findings.add(artifact(session, version));
        findings.addAll(registryView(registry, version));
        findings.addAll(auditInclusion(session, registry));
        findings.add(olderVersions(registry));
        boolean ok = findings.stream().allMatch(Finding::passed);
        Plan plan = new Plan("verify", List.of(
                "Recompute the artifact digest " + (path == null ? "from the registry's blob store" : "of " + path)
                        + " and compare it with the registered one.",
                "Read back the registry's view of " + version.ref() + ": stage, aliases, card, evidence, compliance tags.",
                "Prove the version's audit entries are included in the latest signed checkpoint.",
                "List the older versions still available for audit and rollback."), List.of());
        String failed = findings.stream().filter(f -> !f.passed()).map(Finding::check).collect(Collectors.joining(", "));
        OperationReport report = new OperationReport(Outcome.APPLIED, plan, List.of(), findings,
                Rollback.nothing("Verification writes nothing, so there is nothing to undo."),
                ok ? "Version " + version.ref() + " verified: its artifact, record and audit trail agree."
                        : "Version " + version.ref() + " FAILED verification: " + failed + ".", null);
        if (json()) {
            Json.print(JsonViews.report(report), out());
        } else {
            ReportText.print(report, out());
        }
        return ok ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private Finding artifact(Session session, ModelVersion version) {
        Optional<Digest> registered = version.artifactDigest();
        if (path == null) {
            return registered.isPresent()
                    ? new StoredArtifactVerification(session, environment().workingDir()).check(model, number, registered.get())
                    : Finding.fail("artifact digest", "the version has no registered digest to check against");
        }
        Digest recomputed = ArtifactDigest.of(environment().workingDir().resolve(path));
        if (registered.isEmpty()) {
            return Finding.fail("artifact digest", "recomputed " + recomputed + ", but the version has no registered digest");
        }
        return registered.get().equals(recomputed)
                ? Finding.pass("artifact digest", "recomputed " + recomputed + " matches the registered digest")
                : Finding.fail("artifact digest", "recomputed " + recomputed + " but registered " + registered.get()
                        + ": the local copy is not the registered artifact");
    }

    private List<Finding> registryView(RegistrySession registry, ModelVersion v) {
        List<Finding> view = new ArrayList<>();
        ModelOverview overview = registry.overview(model);
        String aliases = overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number))
                .map(e -> e.getKey().value()).collect(Collectors.joining(", "));
        view.add(Finding.pass("record", "stage " + v.stage() + "; aliases " + (aliases.isEmpty() ? "(none)" : aliases)
                + "; tags " + v.tags().values() + "; description " + (v.description().isEmpty() ? "(none)" : "\"" + v.description().text() + "\"")
                + "; source " + v.source()));
        Optional<CardRevision> card = registry.card(model, number);
        view.add(Finding.pass("model card", card.map(c -> "revision " + c.revision() + " (" + c.digest() + ") by " + c.author())
                .orElse("none")));
        for (Evidence e : registry.evidenceOf(model, number)) {
            view.add(Finding.pass("evidence " + e.id(), e.kind() + " " + e.digest() + (e.revoked() ? " REVOKED: "
                    + e.revocation().reason() : " valid")));
        }
        for (TagSupport t : registry.complianceTags(model, number)) {
            view.add(new Finding("compliance tag " + t.tag().tag(), t.supported(), t.why()));
        }
        return view;
    }

    private List<Finding> auditInclusion(Session session, RegistrySession registry) {
        String versionTarget = AuditTarget.version(model, number);
        List<AuditEntry> entries = registry.audit(new AuditQuery(model, 0, AuditQuery.MAX_LIMIT)).stream()
                .filter(e -> e.target().equals(versionTarget)).toList();
        LocalAudit audit = session.audit();
        Optional<StoredCheckpoint> latest = audit.latestCheckpoint();
        if (latest.isEmpty()) {
            return List.of(Finding.fail("audit inclusion", entries.size() + " audit entries, but no signed checkpoint yet: run "
                    + "'regent audit checkpoint'"));
        }
        Checkpoint checkpoint;
        try {
            // the key in effect at the checkpoint's size, along the recorded chain of keys (a rotated log)
            checkpoint = audit.tree().keyChain(audit.signingKey().verifier()).open(latest.get().note());
        } catch (InvalidNote e) {
            return List.of(Finding.fail("audit inclusion", "the latest checkpoint does not verify with this registry's key: "
                    + e.getMessage()));
        }
        AuditTree tree = audit.tree();
        List<String> missing = new ArrayList<>();
        int proven = 0;
        for (AuditEntry e : entries) {
            if (e.seq() > checkpoint.size()) {
                missing.add("#" + e.seq() + " (after the checkpoint)");
            } else if (!tree.inclusion(e.seq(), checkpoint.size()).verifies(tree.leaf(e.seq()), checkpoint.root())) {
                missing.add("#" + e.seq() + " (its proof does not match the signed root)");
            } else {
                proven++;
            }
        }
        return List.of(missing.isEmpty()
                ? Finding.pass("audit inclusion", proven + " entr" + (proven == 1 ? "y" : "ies") + " proven included in the "
                        + "checkpoint of size " + checkpoint.size() + " signed by " + checkpoint.origin())
                : Finding.fail("audit inclusion", "not proven in the checkpoint of size " + checkpoint.size() + ": "
                        + String.join(", ", missing) + (missing.stream().allMatch(m -> m.contains("after"))
                        ? "; publish a newer one with 'regent audit checkpoint'" : "")));
    }

    private Finding olderVersions(RegistrySession registry) {
        List<String> older = new ArrayList<>();
        String token = null;
        do {
            Page<ModelVersion> page = registry.versions(model, token, 1000);
            page.items().stream().filter(v -> v.number().compareTo(number) < 0)
                    .forEach(v -> older.add(v.number() + " (" + v.stage() + ")"));
            token = page.nextPageToken();
        } while (token != null);
        return Finding.pass("older versions available", older.isEmpty() ? "none (this is the first)" : String.join(", ", older));
    }
}
