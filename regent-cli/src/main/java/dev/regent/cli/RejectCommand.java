package dev.regent.cli;

import dev.regent.core.approval.Decision;
import picocli.CommandLine.Command;

/** {@code regent reject MODEL VERSION --for STAGE|ALIAS --comment C}: blocks the target until withdrawn or a new round. */
@Command(name = "reject", description = "Reject a version for a stage or alias; blocks it until you approve or the card/evidence change.")
final class RejectCommand extends DecisionCommand {
    @Override
    Decision decision() {
        return Decision.REJECT;
    }
}
