package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.cli.output.ReportText;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every command that talks to the registry: parses and validates input first (so bad input never opens
 * the database), then runs against a session and renders the result as text or JSON.
 */
abstract class RegistryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        StartupTrace.mark("parsed");
        MissingInputs inputs = new MissingInputs(environment());
        prepare(inputs);
        inputs.check();
        validate();
        try (Session session = Sessions.open(root())) {
            StartupTrace.mark("session open");
            int code = run(session);
            StartupTrace.mark("run");
            return code;
        }
    }

    /** Asks for (or records as missing) the command's required inputs. */
    abstract void prepare(MissingInputs inputs);

    /** Turns the raw input into typed values; throws INVALID_ARGUMENT on the first bad one. */
    abstract void validate();

    /** Runs the command and returns its exit code. */
    abstract int run(Session session);

    RegentCommand root() {
        return (RegentCommand) spec.root().userObject();
    }

    CliEnvironment environment() {
        return root().environment();
    }

    PrintWriter out() {
        return environment().out();
    }

    boolean json() {
        return root().json;
    }

    boolean dryRun() {
        return root().dryRun;
    }

    /** Prints a report and returns the exit code its outcome means. */
    int report(OperationReport report) {
        return print(report, json(), out());
    }

    /** Prints a report as text (the five sections) or JSON and returns the exit code its outcome means. */
    static int print(OperationReport report, boolean json, PrintWriter out) {
        if (json) {
            Json.print(JsonViews.report(report), out);
        } else {
            ReportText.print(report, out);
        }
        return exitCode(report);
    }

    /** The exit code a report's outcome means: its refusal's code, 5 for a failed read-back, else 0. */
    static int exitCode(OperationReport report) {
        if (report.outcome() == Outcome.REFUSED) {
            return report.refusalCode().map(c -> c.exitCode()).orElse(ExitCodes.REFUSED);
        }
        return report.verified() ? ExitCodes.OK : ExitCodes.INTERNAL;
    }
}
