package dev.regent.core.report;

import dev.regent.core.error.ErrorCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every mutating operation returns, in five parts and this order: plan, changes, verification, rollback,
 * summary. A refused operation carries the error code of the rule that refused it and changes nothing; a dry
 * run carries the plan and changes nothing.
 */
public record OperationReport(Outcome outcome, Plan plan, List<Change> changes, List<Finding> verification,
                              Rollback rollback, String summary, ErrorCode refusal) {
    public OperationReport {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(summary, "summary");
        changes = List.copyOf(changes);
        verification = List.copyOf(verification);
        if ((outcome == Outcome.REFUSED) != (refusal != null)) {
            throw new IllegalArgumentException("a refusal code is given exactly when the outcome is REFUSED");
        }
        if (outcome != Outcome.APPLIED && !changes.isEmpty()) {
            throw new IllegalArgumentException("only an applied operation has changes");
        }
    }

    public static OperationReport applied(Plan plan, List<Change> changes, List<Finding> verification, Rollback rollback,
                                          String summary) {
        return new OperationReport(Outcome.APPLIED, plan, changes, verification, rollback, summary, null);
    }

    public static OperationReport planned(Plan plan, String summary) {
        return new OperationReport(Outcome.PLANNED, plan, List.of(), List.of(),
                Rollback.nothing("Dry run: nothing was changed, so there is nothing to undo."), summary, null);
    }

    public static OperationReport refused(Plan plan, ErrorCode code, String summary) {
        return new OperationReport(Outcome.REFUSED, plan, List.of(), List.of(),
                Rollback.nothing("Refused: nothing was changed, so there is nothing to undo."), summary, code);
    }

    /** The refusing rule's error code, when refused. */
    public Optional<ErrorCode> refusalCode() {
        return Optional.ofNullable(refusal);
    }

    /** Whether every verification check held (vacuously true when nothing was applied). */
    public boolean verified() {
        return verification.stream().allMatch(Finding::passed);
    }
}
