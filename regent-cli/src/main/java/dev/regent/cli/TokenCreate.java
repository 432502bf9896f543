package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.cli.output.ReportText;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.TokenIssued;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code regent token create PRINCIPAL [--expires-in DURATION] [--description D]}: prints the secret once, on a line
 * of its own after the report (with --json: {"token": …, "id": …, "report": …}).
 */
@Command(name = "create", description = "Create a bearer token for a principal; its secret is shown once.")
final class TokenCreate extends RegistryCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PRINCIPAL")
    String rawPrincipal;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "e.g. 90d, 12h, 2w (default: no expiry).")
    String rawExpiresIn;

    @Option(names = "--description", paramLabel = "D", description = "What the token is for (a CI job, a laptop…).")
    String description;

    private Principal subject;
    private Duration lifetime;

    @Override
    void prepare(MissingInputs inputs) {
        rawPrincipal = inputs.require("PRINCIPAL", rawPrincipal);
    }

    @Override
    void validate() {
        subject = Principal.of(rawPrincipal);
        lifetime = rawExpiresIn == null ? null : DurationInput.parse(rawExpiresIn);
    }

    @Override
    int run(Session session) {
        TokenIssued issued = session.registry().issueToken(subject, lifetime, description, dryRun());
        if (json()) {
            var node = Json.object();
            issued.secret().ifPresentOrElse(s -> node.put("token", s), () -> node.putNull("token"));
            node.put("id", issued.tokenId());
            node.set("report", JsonViews.report(issued.report()));
            Json.print(node, out());
            return exitCode(issued.report());
        }
        ReportText.print(issued.report(), out());
        issued.secret().ifPresent(secret -> {
            out().println();
            out().println("Token: " + secret);
            out().println("(shown once: the registry keeps only its hash)");
            out().flush();
        });
        return exitCode(issued.report());
    }
}
