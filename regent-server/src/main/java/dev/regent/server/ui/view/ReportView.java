package dev.regent.server.ui.view;

import dev.regent.core.report.OperationReport;
import java.util.Map;

/**
 * A change's five-part report (Plan, Changes, Verification, Rollback, Summary). After a dry run it carries the
 * form that confirms the change with the same inputs; {@code back} leads to the page the change was about.
 */
public record ReportView(Frame frame, String heading, OperationReport report, String confirmAction,
                         Map<String, String> confirmFields, String back, FixLinks fixes) {
    public boolean planned() {
        return report.outcome() == dev.regent.core.report.Outcome.PLANNED;
    }

    public boolean refused() {
        return report.outcome() == dev.regent.core.report.Outcome.REFUSED;
    }

    public boolean applied() {
        return report.outcome() == dev.regent.core.report.Outcome.APPLIED;
    }

    public boolean rollbackEmpty() {
        return report.rollback().commands().isEmpty() && report.rollback().note().isEmpty();
    }

    /**
     * The sections with nothing in them (of Changes, Verification, Rollback), named on one line instead of each
     * taking a heading: after a dry run all three are empty, and the page leads with the plan and Confirm.
     */
    public String emptySections() {
        java.util.List<String> empty = new java.util.ArrayList<>();
        if (report.changes().isEmpty()) {
            empty.add("Changes");
        }
        if (report.verification().isEmpty()) {
            empty.add("Verification");
        }
        if (rollbackEmpty()) {
            empty.add("Rollback");
        }
        return String.join(", ", empty);
    }
}
