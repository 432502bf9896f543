package dev.regent.core.registry;

import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.policy.GateContext;
import dev.regent.core.policy.GateEvaluator;
import dev.regent.core.policy.GateSet;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.PolicyParser;
import dev.regent.core.policy.PolicyRevision;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The policy in effect, read from the registry inside the caller's transaction: the highest stored revision. So
 * every gate decision on every node uses the revision committed last, and no process can bring its own policy.
 * Revisions are immutable, so their compiled form is kept by number; only the current number is read each time.
 */
final class PolicyInEffect {
    private final Map<Integer, EffectivePolicy> compiled = new ConcurrentHashMap<>();

    /** The revision in effect in this transaction; the registry always has one once it was opened. */
    EffectivePolicy current(StoreTransaction tx) {
        int number = tx.currentPolicyRevision().orElseThrow(() -> new IllegalStateException(
                "the registry has no policy revision; it is recorded when the registry is opened"));
        return revision(tx, number);
    }

    /** A stored revision, compiled; NOT_FOUND for a number that was never applied. */
    EffectivePolicy revision(StoreTransaction tx, int number) {
        EffectivePolicy known = compiled.get(number);
        if (known != null) {
            return known;
        }
        PolicyRevision stored = tx.findPolicyRevision(number).orElseThrow(() -> dev.regent.core.error.RegentException.notFound(
                "policy revision " + number + " not found; see 'regent policy history'"));
        EffectivePolicy fresh = new EffectivePolicy(stored, PolicyParser.parse(stored.text(), stored.source()));
        compiled.putIfAbsent(number, fresh);
        return fresh;
    }

    /** Evaluates the target's gates for the version under the revision in effect. */
    GateDecision decide(StoreTransaction tx, ModelVersion version, GateTarget target, Principal requester) {
        EffectivePolicy policy = current(tx);
        GateSet set = policy.policy().gateSet(version.model(), target);
        return new GateDecision(policy, set,
                new GateEvaluator(policy.policy()).evaluate(GateContext.load(tx, version, target, requester)));
    }

    /** The plan's line saying which policy revision and gate set a decision used. */
    static Finding finding(EffectivePolicy policy, GateSet set) {
        PolicyRevision r = policy.revision();
        return Finding.pass("policy in effect", r.label() + ", applied by " + r.appliedBy() + " at " + r.appliedAt()
                + "; gates from " + set.origin());
    }
}
