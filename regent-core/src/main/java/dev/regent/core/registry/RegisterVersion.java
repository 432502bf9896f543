package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registers a new immutable version. Refuses an artifact digest already registered under the model: the registry
 * must always know whether it is registering something new or annotating what it has.
 */
final class RegisterVersion extends Mutation {
    private final Principal actor;
    private final NewVersion request;
    private final SourceRules sourceRules;
    private final PolicyInEffect policies;
    private final dev.regent.core.artifact.ArtifactBlobs blobs;
    private final dev.regent.core.artifact.ArtifactKind stored;
    private dev.regent.core.store.VersionSummary existing;
    private ModelVersion registered;
    private ErrorCode refusal = ErrorCode.RULE_VIOLATION;

    /** @param stored what the artifact stored under the request's digest is; null when the registry holds no artifact */
    RegisterVersion(Principal actor, NewVersion request, SourceRules sourceRules, PolicyInEffect policies,
                    dev.regent.core.artifact.ArtifactBlobs blobs, dev.regent.core.artifact.ArtifactKind stored) {
        this.blobs = blobs;
        this.stored = stored;
        this.actor = actor;
        this.request = request;
        this.sourceRules = sourceRules;
        this.policies = policies;
    }

    @Override
    ModelName model() {
        return request.model();
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        Lookups.requireModel(tx, request.model());
        existing = tx.versionSummary(request.model());
        List<Finding> pre = new ArrayList<>();
        pre.add(sourceRules.check(request.source()));
        if (!request.tags().isEmpty()) {
            pre.add(ComplianceTagNames.check(policies.current(tx).policy().complianceTags().keySet(), request.tags().values(),
                    request.model() + " VERSION"));
        }
        if (request.digest() != null) {
            Optional<ModelVersion> same = tx.findVersionByDigest(request.model(), request.digest());
            if (same.isPresent()) {
                refusal = ErrorCode.ALREADY_EXISTS;
                pre.add(Finding.fail("artifact is new", "digest " + request.digest().shortForm() + " is already registered as version "
                        + same.get().number() + "; annotate it instead: 'regent version update " + Shell.quote(request.model()) + " "
                        + same.get().number() + " --description … --tag K=V'"));
            } else {
                pre.add(Finding.pass("artifact is new", "no version of '" + request.model() + "' has digest "
                        + request.digest().shortForm()));
            }
        } else {
            pre.add(Finding.pass("artifact digest", "none given: the version can be registered, but policy may require a "
                    + "digest before Production (register with --digest or --file)"));
        }
        pre.addAll(StoredArtifactChecks.check(blobs, request, stored));
        int next = existing.maxLiveNumber() + 1;
        List<String> steps = List.of(
                "Register a NEW version of '" + request.model() + "' (expected number " + next + "; " + existing.liveCount()
                        + " live version(s) exist) from " + request.source() + ".",
                "Fix its source, digest, lineage, " + request.metrics().values().size() + " metric(s) and "
                        + request.params().values().size() + " param(s) for good; stage None.",
                "Record a version.register audit entry.");
        return new Plan("version register", steps, pre);
    }

    @Override
    ErrorCode refusalCode() {
        return refusal;
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        VersionNumber number = tx.nextVersionNumber(request.model());
        registered = new ModelVersion(request.model(), number, request.source(), request.digest(), request.lineage(),
                request.metrics(), request.params(), request.description(), request.tags(), Stage.NONE, actor, now, now);
        tx.insertVersion(registered);
        tx.touchModel(request.model(), now);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.VERSION_REGISTER,
                AuditTarget.version(request.model(), number), AuditOutcome.APPLIED, "", null, StateMaps.of(registered));
        return new Applied(List.of(new Change("version", registered.ref().toString(), "registered"
                + registered.artifactDigest().map(d -> " with digest " + d.shortForm()).orElse(" without digest"))), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        List<Finding> checks = new ArrayList<>();
        Optional<ModelVersion> read = tx.findVersion(request.model(), registered.number());
        if (read.isEmpty()) {
            return List.of(Finding.fail("version exists", registered.ref() + " not found after commit"));
        }
        ModelVersion v = read.get();
        checks.add(Finding.pass("version exists", registered.ref().toString()));
        checks.add(Expect.equal("source", registered.source(), v.source()));
        checks.add(Expect.equal("digest", registered.artifactDigest().map(Object::toString).orElse("none"),
                v.artifactDigest().map(Object::toString).orElse("none")));
        checks.add(Expect.equal("metrics", registered.metrics(), v.metrics()));
        checks.add(Expect.equal("params", registered.params(), v.params()));
        checks.add(Expect.equal("description", registered.description().text(), v.description().text()));
        checks.add(Expect.equal("tags", registered.tags().values(), v.tags().values()));
        checks.add(Expect.equal("stage", Stage.NONE, v.stage()));
        checks.add(OlderVersions.stillPresent(tx, request.model(), existing, 1));
        return checks;
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent version delete " + Shell.quote(request.model()) + " " + registered.number() + " --reason "
                + Shell.quote("undo registration"), "The version becomes a tombstone; its number is never reused.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.VERSION_REGISTER, AuditTarget.model(request.model()), "", why);
    }

    @Override
    String appliedSummary() {
        return "Registered version " + registered.number() + " of '" + request.model() + "'"
                + registered.artifactDigest().map(d -> " (" + d.shortForm() + ")").orElse(" (no digest)") + ".";
    }

    @Override
    String plannedSummary() {
        return "a new version of '" + request.model() + "' would be registered.";
    }
}
