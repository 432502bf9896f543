package dev.regent.cli;

import dev.regent.core.approval.Decision;
import picocli.CommandLine.Command;

/** {@code regent approve MODEL VERSION --for STAGE|ALIAS [--comment C]} */
@Command(name = "approve", description = "Approve a version for a stage or alias (approvers; never the version's creator).")
final class ApproveCommand extends DecisionCommand {
    @Override
    Decision decision() {
        return Decision.APPROVE;
    }
}
