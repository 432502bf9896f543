package dev.regent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.util.List;
import java.util.Objects;

/**
 * The five-part operation report on the wire, exactly as {@code regent … --json} prints it:
 * {@code {"plan": {"operation", "steps", "checks"}, "changes", "verification", "rollback": {"commands", "note"},
 * "summary", "outcome", "refusal"?}}. {@code refusal} (an ErrorCode name) is present only when refused.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReportWire(Plan plan, List<Change> changes, List<Check> verification, Rollback rollback, String summary,
                         String outcome, @JsonInclude(JsonInclude.Include.NON_NULL) String refusal) {
    public ReportWire {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(rollback, "rollback");
        Objects.requireNonNull(outcome, "outcome");
        changes = changes == null ? List.of() : List.copyOf(changes);
        verification = verification == null ? List.of() : List.copyOf(verification);
        summary = summary == null ? "" : summary;
    }

    /** What the operation will do: its name, steps in order, and the preconditions checked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Plan(String operation, List<String> steps, List<Check> checks) {
        public Plan {
            Objects.requireNonNull(operation, "operation");
            steps = steps == null ? List.of() : List.copyOf(steps);
            checks = checks == null ? List.of() : List.copyOf(checks);
        }
    }

    /** One checked statement (precondition, verification, or gate result). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Check(String check, boolean passed, String detail) {
        public Check {
            Objects.requireNonNull(check, "check");
            detail = detail == null ? "" : detail;
        }

        public static Check of(Finding f) {
            return new Check(f.check(), f.passed(), f.detail());
        }

        public Finding toDomain() {
            return new Finding(check, passed, detail);
        }
    }

    /** One thing the operation wrote. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String kind, String target, String detail) {
        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(target, "target");
            detail = detail == null ? "" : detail;
        }
    }

    /** How to undo the change. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rollback(List<String> commands, String note) {
        public Rollback {
            commands = commands == null ? List.of() : List.copyOf(commands);
            note = note == null ? "" : note;
        }
    }

    /** The wire form of a domain report. */
    public static ReportWire of(OperationReport r) {
        return new ReportWire(
                new Plan(r.plan().operation(), r.plan().steps(), r.plan().preconditions().stream().map(Check::of).toList()),
                r.changes().stream().map(c -> new Change(c.kind(), c.target(), c.detail())).toList(),
                r.verification().stream().map(Check::of).toList(),
                new Rollback(r.rollback().commands(), r.rollback().note()),
                r.summary(), r.outcome().name(), r.refusalCode().map(ErrorCode::name).orElse(null));
    }

    /** The domain report this wire form describes (for clients). */
    public OperationReport toDomain() {
        return new OperationReport(Outcome.valueOf(outcome),
                new dev.regent.core.report.Plan(plan.operation(), plan.steps(), plan.checks().stream().map(Check::toDomain).toList()),
                changes.stream().map(c -> new dev.regent.core.report.Change(c.kind(), c.target(), c.detail())).toList(),
                verification.stream().map(Check::toDomain).toList(),
                new dev.regent.core.report.Rollback(rollback.commands(), rollback.note()),
                summary, refusal == null ? null : ErrorCode.valueOf(refusal));
    }
}
