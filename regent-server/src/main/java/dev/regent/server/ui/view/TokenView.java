package dev.regent.server.ui.view;

import dev.regent.core.report.OperationReport;

/** A token just issued: its secret, shown this once and never again, with the issuing report. */
public record TokenView(Frame frame, String principal, String tokenId, String secret, OperationReport report) {
}
