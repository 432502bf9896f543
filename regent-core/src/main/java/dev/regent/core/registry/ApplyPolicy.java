package dev.regent.core.registry;

import dev.regent.core.report.Shell;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyCanonicalForm;
import dev.regent.core.policy.PolicyDiff;
import dev.regent.core.policy.PolicyRevision;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Makes a policy the registry's policy in effect, as a new numbered revision. Admins only. The plan shows what
 * changes in the gates (canonical lines, so comments and formatting never show as changes) and, for every live
 * version, which gate outcomes would change; a policy that means the same as the one in effect changes nothing.
 */
final class ApplyPolicy extends Mutation {
    private final Principal actor;
    private final Policy proposed;
    private final Reason reason;
    private final PolicyInEffect policies;
    private final Digest digest;
    private EffectivePolicy current;
    private PolicyRevision recorded;
    /** The canonical lines that change, as the last plan found them (empty: the same policy). */
    private List<String> diff = List.of();

    ApplyPolicy(Principal actor, Policy proposed, Reason reason, PolicyInEffect policies) {
        this.actor = actor;
        this.proposed = proposed;
        this.reason = reason;
        this.policies = policies;
        this.digest = PolicyCanonicalForm.digest(proposed);
    }

    @Override
    ModelName model() {
        return null;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        return Role.ADMIN;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        current = policies.current(tx);
        recorded = null;
        List<String> steps = new ArrayList<>();
        diff = PolicyDiff.between(current.policy(), proposed);
        if (diff.isEmpty()) {
            steps.add("The policy means the same as the one in effect, " + current.revision().label()
                    + "; nothing to change.");
            return new Plan("policy apply", steps, List.of(Finding.pass("policy parses", proposed.source())));
        }
        steps.add("Record policy revision " + next() + " (" + digest.shortForm() + ", from " + proposed.source()
                + ") in place of " + current.revision().label() + "; every gate decision from then on uses it, on every node.");
        steps.add("Gates that change (- in effect now, + proposed):");
        diff.forEach(line -> steps.add("  " + line));
        List<String> impact = PolicyImpact.lines(tx, current.policy(), proposed);
        steps.add(impact.isEmpty() ? "No live version's gate outcome changes."
                : "Gate outcomes that change for live versions (a policy change moves no version):");
        impact.forEach(line -> steps.add("  " + line));
        steps.add("Record a policy.apply audit entry with both digests and the reason.");
        return new Plan("policy apply", steps, List.of(Finding.pass("policy parses", proposed.source()
                + " compiles: every gate, stage, role and CEL expression checked")));
    }

    private int next() {
        return current.revision().number() + 1;
    }

    /** Whether the proposal means what is in effect (the diff the plan computed is empty). */
    private boolean unchanged() {
        return diff.isEmpty();
    }

    @Override
    java.util.Optional<String> alreadyInPlace() {
        return unchanged() ? java.util.Optional.of("The policy in effect, " + current.revision().label() + ", already means this")
                : java.util.Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        recorded = new PolicyRevision(next(), digest, proposed.text(), proposed.source(), actor, now, reason.text());
        tx.insertPolicyRevision(recorded);
        TreeMap<String, String> before = new TreeMap<>();
        before.put("revision", Integer.toString(current.revision().number()));
        before.put("digest", current.revision().digest().value());
        TreeMap<String, String> after = new TreeMap<>();
        after.put("revision", Integer.toString(recorded.number()));
        after.put("digest", digest.value());
        after.put("source", proposed.source());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.POLICY_APPLY, AuditTarget.policy(recorded.number()),
                AuditOutcome.APPLIED, reason.text(), before, after);
        return new Applied(List.of(new Change("policy", "registry", current.revision().label() + " -> "
                + recorded.label())), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        if (recorded == null) {
            return List.of(Expect.equal("policy in effect", current.revision().number(), tx.currentPolicyRevision().orElse(0)));
        }
        return List.of(Expect.equal("policy in effect", recorded.number(), tx.currentPolicyRevision().orElse(0)),
                Expect.equal("digest of revision " + recorded.number(), digest,
                        tx.findPolicyRevision(recorded.number()).map(PolicyRevision::digest).orElse(null)));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent policy apply --revision " + current.revision().number() + " --reason "
                + Shell.quote("undo policy revision " + recorded.number()),
                "Records revision " + current.revision().number() + "'s policy again, as a new revision; history is kept.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.POLICY_APPLY, AuditTarget.policy(current == null ? 0 : next()),
                reason.text(), why);
    }

    @Override
    String appliedSummary() {
        return "Policy " + recorded.label() + " is in effect (was " + current.revision().label() + ").";
    }

    @Override
    String plannedSummary() {
        return "policy revision " + next() + " (" + digest.shortForm() + ") would be in effect.";
    }
}
