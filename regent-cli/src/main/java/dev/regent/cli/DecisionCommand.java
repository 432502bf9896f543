package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.core.approval.Decision;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.policy.GateTarget;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Shared by {@code regent approve} and {@code regent reject}: MODEL VERSION --for STAGE|ALIAS [--comment C]. */
abstract class DecisionCommand extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL")
    String rawModel;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION")
    String rawVersion;

    @Option(names = "--for", paramLabel = "STAGE|ALIAS", description = "The target reviewed: a stage (Production) or an alias.")
    String rawTarget;

    @Option(names = "--comment", paramLabel = "C", description = "What the reviewer checked or wants changed.")
    String comment;

    private ModelName model;
    private VersionNumber number;
    private GateTarget target;

    abstract Decision decision();

    @Override
    void prepare(MissingInputs inputs) {
        rawModel = inputs.require("MODEL", rawModel);
        rawVersion = inputs.require("VERSION", rawVersion);
        rawTarget = inputs.require("--for", rawTarget);
        if (decision() == Decision.REJECT) {
            comment = inputs.require("--comment", comment);
        }
    }

    @Override
    void validate() {
        model = ModelName.of(rawModel);
        number = VersionNumber.parse(rawVersion);
        target = GateTarget.parse(rawTarget);
    }

    @Override
    int run(LocalSession session) {
        return report(session.registry().decide(session.actor(), model, number, target, decision(), comment, dryRun()));
    }
}
