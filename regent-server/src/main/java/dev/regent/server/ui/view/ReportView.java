package dev.regent.server.ui.view;

import dev.regent.core.report.OperationReport;
import java.util.Map;

/**
 * A change's five-part report (Plan, Changes, Verification, Rollback, Summary). After a dry run it carries the
 * form that confirms the change with the same inputs; {@code back} leads to the page the change was about.
 */
public record ReportView(Frame frame, String heading, OperationReport report, String confirmAction,
                         Map<String, String> confirmFields, String back) {
    public boolean planned() {
        return report.outcome() == dev.regent.core.report.Outcome.PLANNED;
    }

    public boolean refused() {
        return report.outcome() == dev.regent.core.report.Outcome.REFUSED;
    }

    public boolean applied() {
        return report.outcome() == dev.regent.core.report.Outcome.APPLIED;
    }
}
