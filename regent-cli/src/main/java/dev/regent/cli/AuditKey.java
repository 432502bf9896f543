package dev.regent.cli;

import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import picocli.CommandLine.Command;

/**
 * {@code regent audit key}: the public key that verifies this registry's checkpoints, in signed-note verifier form
 * (with --registry, the server's).
 */
@Command(name = "key", description = "Print the public key that verifies the audit checkpoints (signed-note verifier form).")
final class AuditKey extends RegistryCommand {
    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        String key = session instanceof RemoteSession remote ? remote.auditTree().key().verifierKey()
                : session.audit().signingKey().verifier().toString();
        if (json()) {
            Json.print(Json.object().put("verifier_key", key), out());
        } else {
            out().println(key);
        }
        return ExitCodes.OK;
    }
}
