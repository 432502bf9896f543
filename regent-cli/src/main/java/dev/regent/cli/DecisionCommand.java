package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.approval.Decision;
import dev.regent.core.policy.GateTarget;
import picocli.CommandLine.Option;

/** Shared by {@code regent approve} and {@code regent reject}: MODEL VERSION --for STAGE|ALIAS [--comment C]. */
abstract class DecisionCommand extends OneVersionCommand {
    @Option(names = "--for", paramLabel = "STAGE|ALIAS", description = "The target reviewed: a stage (Production) or an alias.")
    String rawTarget;

    @Option(names = "--comment", paramLabel = "C", description = "What the reviewer checked or wants changed.")
    String comment;

    private GateTarget gateTarget;

    abstract Decision decision();

    @Override
    void prepareOptions(MissingInputs inputs) {
        rawTarget = inputs.require("--for", rawTarget);
        if (decision() == Decision.REJECT) {
            comment = inputs.require("--comment", comment);
        }
    }

    @Override
    void validateOptions() {
        gateTarget = GateTarget.parse(rawTarget);
    }

    @Override
    int run(Session session) {
        return report(session.registry().decide(model, number, gateTarget, decision(), comment, dryRun()));
    }
}
