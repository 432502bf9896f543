package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.evidence.EvalReport;
import dev.regent.core.evidence.EvalReportParser;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Attaches immutable evidence to a version. Content is stored content-addressed; an eval report is parsed and
 * validated here, so gates later test the real numbers in the file, not a client's claim about them.
 */
final class AddEvidence extends Mutation {
    private final Principal actor;
    private final NewEvidence request;
    private final BlobStore blobs;
    private final EvidenceId id;
    private EvalReport eval;
    private ModelVersion version;

    AddEvidence(Principal actor, NewEvidence request, BlobStore blobs, EvidenceId id) {
        this.actor = actor;
        this.request = request;
        this.blobs = blobs;
        this.id = id;
        // parse before anything is written: a malformed report is bad input, not a refusal
        this.eval = request.kind().isEvalReport() ? readEvalReport(request, blobs) : null;
    }

    /** The registry reads the report itself: inline bytes, or the stored blob; a referenced report cannot be read. */
    private static EvalReport readEvalReport(NewEvidence request, BlobStore blobs) {
        if (request.content() instanceof NewEvidence.Inline inline) {
            return EvalReportParser.parse(inline.bytes());
        }
        if (request.content() instanceof NewEvidence.Stored stored) {
            try (java.io.InputStream in = blobs.open(stored.digest()).orElseThrow(() -> dev.regent.core.error.RegentException.invalid(
                    "no uploaded content with digest " + stored.digest()))) {
                byte[] bytes = in.readNBytes(EvalReportParser.MAX_BYTES + 1);
                return EvalReportParser.parse(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read uploaded eval report " + stored.digest(), e);
            }
        }
        return null;
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
        version = Lookups.version(tx, request.model(), request.version());
        List<String> steps = new ArrayList<>();
        steps.add("Attach " + request.kind() + " evidence " + id + " (" + request.digest().shortForm() + ") to version " + version.ref() + ".");
        if (request.content() instanceof NewEvidence.Inline inline) {
            steps.add("Store its " + inline.bytes().length + " bytes content-addressed (written once, never overwritten).");
        } else if (request.content() instanceof NewEvidence.Referenced ref) {
            steps.add("Reference it at " + ref.uri() + " with its declared digest.");
        } else {
            steps.add("Keep its uploaded content, already stored content-addressed.");
        }
        if (eval != null) {
            steps.add("Record the eval report's metrics " + eval.metrics().values() + " on " + eval.dataset()
                    + (eval.passed() == null ? "" : ", passed: " + eval.passed()) + ".");
        }
        steps.add("Record an evidence.add audit entry linking " + id + ".");
        List<Finding> pre = new ArrayList<>();
        if (request.content() instanceof NewEvidence.Stored stored && !blobs.contains(stored.digest())) {
            pre.add(Finding.fail("content uploaded", "no uploaded content with digest " + stored.digest()));
        }
        if (request.kind().isEvalReport() && !request.heldByRegistry()) {
            pre.add(Finding.pass("eval report readable", "referenced by URI: it is recorded, but eval_report gates cannot read "
                    + "its metrics; attach the file with --file for that"));
        }
        return new Plan("evidence add", steps, pre);
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        if (request.content() instanceof NewEvidence.Inline inline) {
            blobs.put(new ByteArrayInputStream(inline.bytes()), NewEvidence.MAX_CONTENT_BYTES);
        }
        String uri = request.content() instanceof NewEvidence.Referenced ref ? ref.uri().value() : null;
        Evidence evidence = new Evidence(id, request.model(), request.version(), request.kind(), request.digest(),
                uri, request.heldByRegistry(), request.summary(), actor, now, eval, null);
        tx.insertEvidence(evidence);
        TreeMap<String, String> after = new TreeMap<>();
        after.put("evidence", id.value());
        after.put("kind", request.kind().value());
        after.put("digest", request.digest().value());
        if (eval != null) {
            eval.metrics().values().forEach((k, v) -> after.put("metrics." + k, Double.toString(v)));
        }
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.EVIDENCE_ADD, AuditTarget.version(request.model(), request.version()),
                AuditOutcome.APPLIED, request.summary(), null, after).withEvidence(List.of(id.value()));
        return new Applied(List.of(new Change("evidence", id.value(), request.kind() + " attached to " + version.ref())), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<Evidence> read = tx.findEvidence(id);
        List<Finding> checks = new ArrayList<>();
        checks.add(Expect.that("evidence recorded", read.isPresent(), id.value()));
        read.ifPresent(e -> checks.add(Expect.equal("digest", request.digest(), e.digest())));
        if (request.heldByRegistry()) {
            checks.add(Expect.that("content stored", blobs.contains(request.digest()), request.digest().shortForm()));
        }
        return checks;
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent evidence revoke " + id + " --reason " + Shell.quote("attached by mistake"),
                "Evidence is never deleted; revoking it means it supports nothing from then on.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.EVIDENCE_ADD, AuditTarget.version(request.model(), request.version()), "", why);
    }

    @Override
    String appliedSummary() {
        return "Attached " + request.kind() + " evidence " + id + " to " + version.ref() + ".";
    }

    @Override
    String plannedSummary() {
        return request.kind() + " evidence would be attached to " + request.model() + "/" + request.version() + ".";
    }
}
