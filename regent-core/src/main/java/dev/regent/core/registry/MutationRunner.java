package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.error.RegentException;
import dev.regent.core.policy.EffectivePolicy;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.RegistryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Drives a {@link Mutation} through plan → apply → verify with the store's transaction boundary. A dry run plans in
 * a read-only transaction and writes nothing, not even an audit entry. A real run plans again under the model's lock
 * inside the write transaction, so nothing can change between check and write; a refusal writes only its audit entry.
 * A change whose plan finds the requested state already in place writes nothing at all and reports success (see
 * {@link Mutation#alreadyInPlace()}): the rule for no-ops lives here, not in each transport.
 */
final class MutationRunner {
    /** What a change that found nothing to change applied: no changes, no audit entries. */
    private static final Mutation.Applied NOTHING = new Mutation.Applied(List.of(), List.of());
    private final RegistryStore store;
    private final Clock clock;
    private final SortedMap<String, String> stamp;

    /**
     * @param stamp fields recorded in "after" of every audit entry this runner writes: how changes arrive ("via",
     *              e.g. "mcp:promote"), and for local mode the OS account behind the asserted principal; empty for none
     */
    MutationRunner(RegistryStore store, Clock clock, SortedMap<String, String> stamp) {
        this.store = store;
        this.clock = clock;
        this.stamp = Collections.unmodifiableSortedMap(new TreeMap<>(stamp));
    }

    /** The fields stamped on every entry. */
    SortedMap<String, String> stamp() {
        return stamp;
    }

    /** The entry with this runner's fields added (for the few entries written outside a mutation, too). */
    AuditEntry stamped(AuditEntry entry) {
        AuditEntry marked = entry;
        for (Map.Entry<String, String> field : stamp.entrySet()) {
            marked = marked.withAfterField(field.getKey(), field.getValue());
        }
        return marked;
    }

    /** An entry of a gate decision also names the policy revision it was decided under, and that revision's digest. */
    private AuditEntry stamped(AuditEntry entry, Mutation mutation) {
        EffectivePolicy policy = mutation.policyUsed();
        AuditEntry marked = stamped(entry);
        if (policy == null) {
            return marked;
        }
        return marked.withAfterField("policy_revision", Integer.toString(policy.revision().number()))
                .withAfterField("policy_digest", policy.revision().digest().value());
    }

    OperationReport run(Mutation mutation, boolean dryRun) {
        if (dryRun) {
            authorizeDryRun(mutation);
            Plan plan = store.read(mutation::plan);
            if (!plan.feasible()) {
                return OperationReport.refused(plan, mutation.refusalCode(), "Dry run: this would be refused. " + why(plan));
            }
            Optional<String> inPlace = mutation.alreadyInPlace();
            if (inPlace.isPresent()) {
                return OperationReport.planned(plan, "Dry run: " + inPlace.get() + "; nothing would change.");
            }
            return OperationReport.planned(plan, "Dry run: " + mutation.plannedSummary() + " Nothing was changed.");
        }
        Outcome result = store.inTransaction(tx -> {
            // authorized in the writing transaction itself (one transaction per change, not a read before it); a
            // denied attempt commits only its audit entry (who tried what)
            AccessControl.Decision decision = decide(tx, mutation);
            if (!decision.allowed()) {
                tx.appendAudit(stamped(mutation.refusal(clock.instant(), "permission denied: " + decision.message())));
                return new Outcome(null, null, decision);
            }
            if (mutation.model() != null) {
                tx.lockModel(mutation.model());
            }
            Plan plan = mutation.plan(tx);
            Instant now = clock.instant();
            if (!plan.feasible()) {
                tx.appendAudit(stamped(mutation.refusal(now, fullWhy(plan)), mutation));
                return new Outcome(plan, null, decision);
            }
            if (mutation.alreadyInPlace().isPresent()) {
                return new Outcome(plan, NOTHING, decision);
            }
            Mutation.Applied applied = mutation.apply(tx, now);
            for (AuditEntry entry : applied.audit()) {
                // the event (and its deliveries) in the same transaction as the entry: both commit or neither
                dev.regent.core.event.Outbox.record(tx, tx.appendAudit(stamped(entry, mutation)));
            }
            return new Outcome(plan, applied, decision);
        });
        if (!result.decision.allowed()) {
            throw denied(mutation, result.decision);
        }
        if (result.applied == null) {
            return OperationReport.refused(result.plan, mutation.refusalCode(), "Refused: " + why(result.plan));
        }
        List<Finding> verification = store.read(mutation::verify);
        Optional<String> inPlace = result.applied == NOTHING ? mutation.alreadyInPlace() : Optional.empty();
        String summary = inPlace.map(s -> s + "; nothing changed.").orElseGet(mutation::appliedSummary);
        if (!verification.stream().allMatch(Finding::passed)) {
            summary += " WARNING: verification found differences; see Verification.";
        }
        return OperationReport.applied(result.plan, result.applied.changes(), verification,
                inPlace.isPresent() ? Rollback.nothing("Nothing changed, so there is nothing to undo.") : mutation.rollback(), summary);
    }

    /** A dry run's authorization: an actor without the required role is refused before planning; nothing is written. */
    private void authorizeDryRun(Mutation mutation) {
        AccessControl.Decision decision = store.read(tx -> decide(tx, mutation));
        if (!decision.allowed()) {
            throw denied(mutation, decision);
        }
    }

    /** The actor's role on the mutation's model and on every other model it names. */
    private static AccessControl.Decision decide(dev.regent.core.store.StoreTransaction tx, Mutation mutation) {
        AccessControl.Decision first = AccessControl.decide(tx, mutation.actor(), mutation.requiredRole(), mutation.model());
        for (dev.regent.core.model.ModelName other : mutation.otherModels()) {
            if (!first.allowed()) {
                break;
            }
            AccessControl.Decision d = AccessControl.decide(tx, mutation.actor(), mutation.requiredRole(), other);
            if (!d.allowed()) {
                // one answer whether that model exists or not (grants alone decided it)
                first = new AccessControl.Decision(dev.regent.core.error.ErrorCode.PERMISSION_DENIED, "principal '"
                        + mutation.actor() + "' needs the " + mutation.requiredRole().label() + " role on '" + other
                        + "' (or globally) to use that name");
            }
        }
        return first;
    }

    private static RegentException denied(Mutation mutation, AccessControl.Decision decision) {
        return new RegentException(decision.code(), decision.message(),
                java.util.Map.of("required_role", mutation.requiredRole() == null ? "any" : mutation.requiredRole().label()));
    }

    /** One or two sentences: the failing check with its detail, or the names of all failing checks. */
    private static String why(Plan plan) {
        List<Finding> failed = plan.preconditions().stream().filter(f -> !f.passed()).toList();
        if (failed.size() == 1) {
            return failed.get(0).check() + ": " + failed.get(0).detail() + ".";
        }
        return failed.size() + " checks failed (" + failed.stream().map(Finding::check).collect(Collectors.joining("; "))
                + "); the Plan says what would satisfy each.";
    }

    /** The audit entry's account of a refusal: every failing check with its detail. */
    private static String fullWhy(Plan plan) {
        return plan.preconditions().stream().filter(f -> !f.passed())
                .map(f -> f.check() + ": " + f.detail())
                .collect(Collectors.joining("; ")) + ".";
    }

    private record Outcome(Plan plan, Mutation.Applied applied, AccessControl.Decision decision) {
    }
}
