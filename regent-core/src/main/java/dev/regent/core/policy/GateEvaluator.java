package dev.regent.core.policy;

import dev.regent.core.report.Shell;
import dev.regent.core.access.Role;
import dev.regent.core.approval.ApprovalStatus;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceKind;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Finding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates one policy's gates for a target. Every gate yields a finding — passed or failed, why, the evidence it
 * used, and when it failed what would satisfy it — and nothing is thrown: the caller refuses when any failed.
 */
public final class GateEvaluator {
    private final Policy policy;

    public GateEvaluator(Policy policy) {
        this.policy = java.util.Objects.requireNonNull(policy, "policy");
    }

    /** Every gate the policy sets for the context's target, in policy order. */
    public List<Finding> evaluate(GateContext ctx) {
        List<Finding> results = new ArrayList<>();
        for (GateSpec gate : policy.gates(ctx.version().model(), ctx.target())) {
            results.add(evaluate(gate, ctx));
        }
        return results;
    }

    private Finding evaluate(GateSpec gate, GateContext ctx) {
        String check = "gate " + gate.describe();
        // Java 17 has no pattern switch; GateSpec is sealed, so this chain covers every kind.
        if (gate instanceof GateSpec.ArtifactDigest) {
            return ctx.version().artifactDigest()
                    .map(x -> Finding.pass(check, "digest " + x.value() + " recorded at registration"))
                    .orElse(Finding.fail(check, "no artifact digest is recorded for " + ctx.version().ref()
                            + "; a digest is fixed at registration, so register the artifact as a new version with "
                            + "--digest sha256:… or --file PATH"));
        } else if (gate instanceof GateSpec.EvalReport e) {
            return evalReport(e, ctx, check);
        } else if (gate instanceof GateSpec.Approvals a) {
            return approvals(a, ctx, check);
        } else if (gate instanceof GateSpec.ModelCard c) {
            return modelCard(c, ctx, check);
        } else if (gate instanceof GateSpec.ComplianceTags t) {
            return complianceTags(t, ctx, check);
        } else if (gate instanceof GateSpec.Evidence e) {
            return evidence(e, ctx, check);
        }
        throw new IllegalStateException("unknown gate kind " + gate.kind());
    }

    private Finding evalReport(GateSpec.EvalReport gate, GateContext ctx, String check) {
        String attach = "regent evidence add " + Shell.quote(ctx.version().model()) + " " + ctx.version().number()
                + " --kind eval-report --file report.json";
        List<Evidence> reports = ctx.validEvidence().stream().filter(e -> e.kind().isEvalReport()).toList();
        if (reports.isEmpty()) {
            boolean revoked = ctx.evidence().stream().anyMatch(e -> e.kind().isEvalReport());
            return Finding.fail(check, (revoked ? "every eval report attached has been revoked" : "no eval report is attached")
                    + "; attach one: " + attach);
        }
        Optional<Evidence> readable = reports.stream().filter(e -> e.eval().isPresent()).findFirst();
        if (readable.isEmpty()) {
            return Finding.fail(check, "eval report " + reports.get(0).id() + " is only referenced by URI, so the registry cannot "
                    + "read its metrics; attach the report file itself: " + attach);
        }
        Evidence report = readable.get();
        List<String> notes = new ArrayList<>();
        if (gate.requirePassed() && !Boolean.TRUE.equals(report.evalReport().passed())) {
            return Finding.fail(check, "eval report " + report.id() + " does not say \"passed\": true (it says "
                    + report.evalReport().passed() + "); attach a passing report");
        }
        if (gate.requirePassed()) {
            notes.add("passed");
        }
        if (gate.metrics() != null) {
            MetricsExpression.Outcome outcome = gate.metrics().evaluate(report.evalReport().metrics());
            if (!outcome.passed()) {
                return Finding.fail(check, "eval report " + report.id() + ": " + outcome.explanation()
                        + "; attach an eval report whose metrics meet it");
            }
            notes.add(outcome.explanation());
        }
        return Finding.pass(check, "eval report " + report.id() + " on " + report.evalReport().dataset()
                + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)));
    }

    private Finding approvals(GateSpec.Approvals gate, GateContext ctx, String check) {
        String target = ctx.target().wire();
        List<ApprovalView> views = ApprovalView.classify(ctx.approvals(), ctx.reviewDigest()).stream()
                .filter(v -> v.approval().target().equals(target)).toList();
        List<String> rejections = new ArrayList<>();
        Set<Principal> counted = new LinkedHashSet<>();
        List<String> notCounted = new ArrayList<>();
        for (ApprovalView v : views) {
            var a = v.approval();
            if (v.status() == ApprovalStatus.SUPERSEDED) {
                continue;
            }
            if (v.status() == ApprovalStatus.STALE) {
                notCounted.add(a.principal() + " (stale: the card, evidence or tags changed after the review)");
                continue;
            }
            if (a.decision() == Decision.REJECT) {
                rejections.add(a.principal() + (a.comment().isEmpty() ? "" : " (\"" + a.comment() + "\")"));
                continue;
            }
            if (a.principal().equals(ctx.version().createdBy())) {
                notCounted.add(a.principal() + " (the version's creator)");
            } else if (a.principal().equals(ctx.requester())) {
                notCounted.add(a.principal() + " (the requester of this transition)");
            } else if (!gate.kinds().isEmpty() && !gate.kinds().contains(ctx.approverKinds().get(a.principal()))) {
                notCounted.add(a.principal() + " (a " + ctx.approverKinds().get(a.principal()).name().toLowerCase()
                        + " principal; this gate counts " + String.join(" or ", gate.kinds().stream()
                        .map(k -> k.name().toLowerCase()).toList()) + " approvals)");
            } else if (!gate.roles().isEmpty() && a.roles().stream().noneMatch(gate.roles()::contains)) {
                notCounted.add(a.principal() + " (lacks role " + String.join(" or ", gate.roles().stream().map(Role::label).toList()) + ")");
            } else {
                counted.add(a.principal());
            }
        }
        String tally = counted.size() + " of " + gate.count() + " approval(s) for " + ctx.target()
                + (counted.isEmpty() ? "" : " by " + String.join(", ", counted.stream().map(Principal::name).toList()))
                + (notCounted.isEmpty() ? "" : "; not counted: " + String.join(", ", notCounted));
        if (!rejections.isEmpty()) {
            return Finding.fail(check, "rejected by " + String.join(", ", rejections) + "; " + tally
                    + ". A rejection blocks until its author approves instead, or the card or evidence changes (a new round)");
        }
        if (counted.size() < gate.count()) {
            String excluded = ctx.version().createdBy().equals(ctx.requester())
                    ? ctx.requester() + " (creator and requester)"
                    : ctx.version().createdBy() + " (creator) and " + ctx.requester() + " (requester)";
            return Finding.fail(check, tally + ". Needs " + (gate.count() - counted.size()) + " more from principals other than "
                    + excluded + ": regent approve "
                    + ctx.version().model() + " " + ctx.version().number() + " --for " + ctx.target().wire());
        }
        return Finding.pass(check, tally);
    }

    private Finding modelCard(GateSpec.ModelCard gate, GateContext ctx, String check) {
        if (ctx.card().isEmpty()) {
            return Finding.fail(check, "no model card; write one (regent card template > card.md) and set it: regent card set "
                    + ctx.version().model() + " " + ctx.version().number() + " --file card.md");
        }
        List<String> missing = ModelCard.fromCanonicalJson(ctx.card().get().canonicalJson()).missing(gate.sections());
        if (!missing.isEmpty()) {
            return Finding.fail(check, "card revision " + ctx.card().get().revision() + " lacks non-empty section(s): "
                    + String.join(", ", missing) + "; fill them and run regent card set " + Shell.quote(ctx.version().model()) + " "
                    + ctx.version().number() + " --file card.md");
        }
        return Finding.pass(check, "card revision " + ctx.card().get().revision() + " (" + ctx.card().get().digest().shortForm()
                + ") has " + String.join(", ", gate.sections()));
    }

    private Finding complianceTags(GateSpec.ComplianceTags gate, GateContext ctx, String check) {
        List<String> problems = new ArrayList<>();
        List<String> supported = new ArrayList<>();
        for (String tag : gate.tags()) {
            Optional<ComplianceTag> present = ctx.tags().stream().filter(t -> t.tag().equals(tag)).findFirst();
            List<EvidenceKind> kinds = policy.complianceTags().getOrDefault(tag, List.of());
            String how = "attach " + String.join(" or ", kinds.stream().map(EvidenceKind::value).toList())
                    + " evidence and run regent tag set " + Shell.quote(ctx.version().model()) + " " + ctx.version().number() + " " + tag
                    + " --evidence ID";
            if (present.isEmpty()) {
                problems.add(tag + " is not set (" + how + ")");
                continue;
            }
            Optional<Evidence> backing = ctx.evidence().stream().filter(e -> e.id().equals(present.get().evidence())).findFirst();
            if (backing.isEmpty()) {
                problems.add(tag + " is backed by evidence " + present.get().evidence() + " that is not attached to this version");
            } else if (backing.get().revoked()) {
                problems.add(tag + " is unsupported: its evidence " + backing.get().id() + " was revoked (" + how + ")");
            } else if (!kinds.contains(backing.get().kind())) {
                problems.add(tag + " is backed by " + backing.get().kind() + " evidence, which does not support it (" + how + ")");
            } else {
                supported.add(tag + " (evidence " + backing.get().id() + ")");
            }
        }
        return problems.isEmpty() ? Finding.pass(check, String.join(", ", supported))
                : Finding.fail(check, String.join("; ", problems));
    }

    private Finding evidence(GateSpec.Evidence gate, GateContext ctx, String check) {
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (EvidenceKind kind : gate.kinds()) {
            Optional<Evidence> e = ctx.validEvidence().stream().filter(x -> x.kind().equals(kind)).findFirst();
            if (e.isPresent()) {
                found.add(kind + " " + e.get().id());
            } else {
                missing.add(kind.value());
            }
        }
        return missing.isEmpty() ? Finding.pass(check, String.join(", ", found))
                : Finding.fail(check, "no unrevoked evidence of kind " + String.join(", ", missing) + "; attach it: regent evidence add "
                        + ctx.version().model() + " " + ctx.version().number() + " --kind KIND --file FILE");
    }
}
