package dev.regent.core.registry;

import dev.regent.core.evidence.Evidence;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.lifecycle.TransitionCause;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rollback skips new approvals, but its target must have entered the stage by a gated promotion (every promotion
 * passes the gates in its own transaction) and none of the target's evidence may have been revoked since.
 */
final class GovernanceRollbackGuard implements RollbackGuard {

    @Override
    public List<Finding> check(StoreTransaction tx, ModelVersion target, Stage stage, Principal actor) {
        List<Finding> findings = new ArrayList<>();
        Optional<Instant> promoted = Optional.empty();
        for (Transition t : tx.transitions(target.model())) {
            if (t.version().equals(target.number()) && t.to() == stage && t.cause() == TransitionCause.PROMOTION) {
                promoted = Optional.of(t.at());
            }
        }
        if (promoted.isEmpty()) {
            findings.add(Finding.fail("target passed the gates when promoted", "version " + target.number()
                    + " never entered " + stage + " through a gated promotion; promote it instead"));
            return findings;
        }
        findings.add(Finding.pass("target passed the gates when promoted", "promoted to " + stage + " at " + promoted.get()));
        Instant since = promoted.get();
        List<String> revoked = new ArrayList<>();
        for (Evidence e : tx.evidenceOf(target.model(), target.number())) {
            if (e.revoked() && !e.revocation().at().isBefore(since)) {
                revoked.add(e.id() + " (" + e.kind() + ", revoked " + e.revocation().at() + ": " + e.revocation().reason() + ")");
            }
        }
        findings.add(revoked.isEmpty()
                ? Finding.pass("no supporting evidence revoked since", "none")
                : Finding.fail("no supporting evidence revoked since", "revoked since the promotion: " + String.join(", ", revoked)
                        + "; roll back to another version (--to) or promote through the gates"));
        return findings;
    }
}
