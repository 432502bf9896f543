package dev.regent.core.registry;

import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.util.Optional;

/** The report of issuing a token, and its secret — present only when the token was really issued. */
public record TokenIssued(OperationReport report, String tokenId, String secretOrNull) {
    public Optional<String> secret() {
        return report.outcome() == Outcome.APPLIED ? Optional.ofNullable(secretOrNull) : Optional.empty();
    }
}
