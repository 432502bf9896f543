package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import dev.regent.core.access.Role;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One mutating operation, split into the phases every change goes through: plan (reads state, checks
 * preconditions), apply (writes state and its audit entries in the same transaction), verify (reads the
 * committed state back). {@link MutationRunner} drives the phases; a mutation holds no rule about transactions.
 * Instances are single-use: plan captures the state that apply and verify work from.
 */
abstract class Mutation {

    /** The model whose writers this mutation must serialise with, or null for registry-wide changes (principals). */
    abstract ModelName model();

    /** Who is acting; authorization and every audit entry use this principal. */
    abstract Principal actor();

    /** The role the actor needs on {@link #model()} to run this mutation; null for any registered principal. */
    Role requiredRole() {
        return Role.CONTRIBUTOR;
    }

    /**
     * Other models this mutation names (a rename's new name), on each of which the actor needs {@link #requiredRole()}
     * too. Checked on grants alone, before anything is read, so the answer is the same whether such a model exists or
     * not: a principal never learns of a model it may not read by naming it.
     */
    List<ModelName> otherModels() {
        return List.of();
    }

    /** Reads state and decides what would happen. Throws NOT_FOUND / INVALID_ARGUMENT; rule failures are preconditions. */
    abstract Plan plan(StoreTransaction tx);

    /**
     * When the last plan found the requested state already in place, the sentence that says so ("Version m/3 is
     * already in Staging"); empty when there is something to change. The runner then writes nothing, not even an
     * audit entry, and answers success with no changes: pipelines that run twice must not fail the second time, and
     * a log of non-events would bury the changes. Authorization and every precondition of the plan still apply.
     */
    Optional<String> alreadyInPlace() {
        return Optional.empty();
    }

    /** The code a failed plan is refused with. */
    ErrorCode refusalCode() {
        return ErrorCode.RULE_VIOLATION;
    }

    /**
     * Writes the change and its audit entries; returns what was written. Runs only after a feasible plan that found
     * something to change.
     */
    abstract Applied apply(StoreTransaction tx, Instant now);

    /** Reads the committed state back and compares it with the plan. */
    abstract List<Finding> verify(StoreTransaction tx);

    /** The exact command that undoes this change (after apply). */
    abstract Rollback rollback();

    /**
     * The policy revision the last plan evaluated gates under, or null for a change no gate decides. The runner
     * records it in every audit entry the change writes, applied or refused.
     */
    dev.regent.core.policy.EffectivePolicy policyUsed() {
        return null;
    }

    /** The audit entry recorded when the plan is refused. */
    abstract AuditEntry refusal(Instant now, String why);

    /** One or two sentences for the summary, per outcome. */
    abstract String appliedSummary();

    abstract String plannedSummary();

    /** What apply wrote: the changes to report and the audit entries to append, in order. */
    record Applied(List<Change> changes, List<AuditEntry> audit) {
        Applied {
            changes = List.copyOf(changes);
            audit = List.copyOf(audit);
        }
    }
}
