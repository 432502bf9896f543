package dev.regent.mcp;

import dev.regent.core.report.OperationReport;

/**
 * Renders a five-part report as text (Plan, Changes, Verification, Rollback, Summary). Injected by the composition
 * root, which passes the CLI's own rendering, so an agent reads exactly what a person reads.
 */
@FunctionalInterface
public interface ReportRenderer {

    /** The report as the CLI prints it without --json. */
    String text(OperationReport report);
}
