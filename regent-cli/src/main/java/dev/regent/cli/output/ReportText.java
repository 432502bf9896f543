package dev.regent.cli.output;

import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.io.PrintWriter;

/** Renders an operation report for people: five headed sections, always in the same order. */
public final class ReportText {
    private ReportText() {
    }

    public static void print(OperationReport report, PrintWriter out) {
        out.println("## Plan");
        out.println("Operation: " + report.plan().operation() + (report.outcome() == Outcome.PLANNED ? " (dry run)" : ""));
        int i = 1;
        for (String step : report.plan().steps()) {
            out.println(i++ + ". " + step);
        }
        if (!report.plan().preconditions().isEmpty()) {
            out.println("Checks:");
            report.plan().preconditions().forEach(f -> out.println("  " + finding(f)));
        }
        out.println();
        out.println("## Changes");
        if (report.changes().isEmpty()) {
            out.println(switch (report.outcome()) {
                case PLANNED -> "none (dry run: nothing was written)";
                case REFUSED -> "none (refused: nothing was written)";
                case APPLIED -> "none (nothing needed to change)";
            });
        } else {
            for (Change c : report.changes()) {
                out.println("- " + c.kind() + " " + c.target() + ": " + c.detail());
            }
        }
        out.println();
        out.println("## Verification");
        if (report.verification().isEmpty()) {
            out.println(report.outcome() == Outcome.APPLIED ? "nothing to verify"
                    : "not run (" + (report.outcome() == Outcome.PLANNED ? "dry run" : "refused") + ": nothing was written)");
        } else {
            report.verification().forEach(f -> out.println("  " + finding(f)));
        }
        out.println();
        out.println("## Rollback");
        report.rollback().commands().forEach(c -> out.println("  " + c));
        if (!report.rollback().note().isEmpty()) {
            out.println(report.rollback().commands().isEmpty() ? report.rollback().note() : "  (" + report.rollback().note() + ")");
        }
        out.println();
        out.println("## Summary");
        out.println(report.summary());
        out.flush();
    }

    static String finding(Finding f) {
        return (f.passed() ? "[pass] " : "[FAIL] ") + f.check() + (f.detail().isEmpty() ? "" : " - " + f.detail());
    }
}
