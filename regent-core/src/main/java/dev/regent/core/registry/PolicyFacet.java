package dev.regent.core.registry;

import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.Policy;
import dev.regent.core.policy.PolicyCanonicalForm;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.policy.PolicyRevision;
import dev.regent.core.report.OperationReport;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StoreConflict;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The registry's policy as registry state: the revision in effect, its history, and the one way to change it
 * ({@link #apply}). A policy file given when a process starts only seeds revision 1 of a registry that has none;
 * given later with other content it is refused ({@link #requireInEffect}), so no process brings its own policy.
 */
public final class PolicyFacet {
    /** Who records revision 1: the registry itself, from the policy it was first opened with. */
    static final Principal SEEDER = Principal.of("regent");

    private final RegistryStore store;
    private final Clock clock;
    private final MutationRunner runner;
    private final PolicyInEffect policies;

    PolicyFacet(RegistryStore store, Clock clock, MutationRunner runner, PolicyInEffect policies) {
        this.store = store;
        this.clock = clock;
        this.runner = runner;
        this.policies = policies;
    }

    /**
     * Records {@code seed} as revision 1 when the registry has no policy revision yet: a new registry, or one created
     * before the policy was registry state (then the seed is the policy it ran under). Does nothing otherwise.
     */
    void seed(java.util.function.Supplier<Policy> seedPolicy) {
        if (store.read(tx -> tx.currentPolicyRevision()).isPresent()) {
            return;
        }
        Policy seed = Objects.requireNonNull(seedPolicy.get(), "seedPolicy");
        try {
            store.inTransaction(tx -> {
                if (tx.currentPolicyRevision().isPresent()) {
                    return null;
                }
                Instant now = clock.instant();
                boolean upgrade = tx.countPrincipals() > 0;
                String why = upgrade ? "recorded at upgrade: the policy this registry ran under before its policy was kept "
                        + "as revisions (" + seed.source() + ")" : "the policy this registry was created with (" + seed.source() + ")";
                PolicyRevision first = new PolicyRevision(1, PolicyCanonicalForm.digest(seed), seed.text(), seed.source(),
                        SEEDER, now, why);
                tx.insertPolicyRevision(first);
                TreeMap<String, String> after = new TreeMap<>();
                after.put("revision", "1");
                after.put("digest", first.digest().value());
                after.put("source", seed.source());
                tx.appendAudit(runner.stamped(AuditEntry.draft(now, SEEDER, AuditAction.POLICY_APPLY, AuditTarget.policy(1),
                        AuditOutcome.APPLIED, why, null, after)));
                return null;
            });
        } catch (StoreConflict e) {
            // another node seeded the same new registry at the same moment; its revision 1 is in effect now
            if (store.read(tx -> tx.currentPolicyRevision()).isEmpty()) {
                throw e;
            }
        }
    }

    /**
     * Refuses a policy file given to a process ({@code how}: "--policy FILE", "REGENT_POLICY", …) unless it means the
     * same as the revision in effect. The stored revision is compared by its text, compiled by this version of
     * Regent, so an upgrade that writes canonical lines differently never refuses an unchanged file.
     */
    public void requireInEffect(Policy given, String how) {
        EffectivePolicy current = store.read(policies::current);
        Digest in = PolicyCanonicalForm.digest(PolicyParser.parse(current.revision().text(), current.revision().source()));
        Digest file = PolicyCanonicalForm.digest(given);
        if (!in.equals(file)) {
            throw RegentException.invalid("the policy given by " + how + " (" + given.source() + ", " + file.shortForm()
                    + ") is not the registry's policy in effect, " + current.revision().label() + " applied by "
                    + current.revision().appliedBy() + " at " + current.revision().appliedAt() + ". The policy is registry "
                    + "state: change it with 'regent policy apply " + given.source() + " --reason \"…\"' (admins; try "
                    + "--dry-run first), and start without " + how + ". 'regent policy check FILE' validates a file, and "
                    + "'regent gates MODEL VERSION --for TARGET --policy FILE' evaluates one without putting it in effect.");
        }
    }

    /** The policy in effect with its revision; any registered principal may read it (it says what gates require). */
    public EffectivePolicy inEffect(Principal actor) {
        return store.read(tx -> {
            AccessControl.require(tx, actor, null, null);
            return policies.current(tx);
        });
    }

    /** The policy in effect, for the process's own use (no actor): rendering gates, checking files at start. */
    public EffectivePolicy inEffect() {
        return store.read(policies::current);
    }

    /** A stored revision, compiled; NOT_FOUND for a number never applied. */
    public EffectivePolicy revision(Principal actor, int number) {
        return store.read(tx -> {
            AccessControl.require(tx, actor, null, null);
            return policies.revision(tx, number);
        });
    }

    /** Every revision, oldest first. */
    public List<PolicyRevision> history(Principal actor) {
        return store.read(tx -> {
            AccessControl.require(tx, actor, null, null);
            return tx.policyRevisions();
        });
    }

    /** Puts an earlier revision's policy in effect again, as a new revision (e.g. to undo a change). */
    public OperationReport applyRevision(Principal actor, int number, Reason reason, boolean dryRun) {
        PolicyRevision earlier = revision(actor, number).revision();
        return apply(actor, PolicyParser.parse(earlier.text(), "revision " + number + " (" + earlier.source() + ")"), reason, dryRun);
    }

    /** Makes the policy the one in effect as a new revision (admins); a dry run shows the diff and its impact. */
    public OperationReport apply(Principal actor, Policy proposed, Reason reason, boolean dryRun) {
        return runner.run(new ApplyPolicy(actor, proposed, reason, policies), dryRun);
    }
}
