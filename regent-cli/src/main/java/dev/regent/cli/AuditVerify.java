package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.audit.tree.Witnesses;
import dev.regent.core.error.RegentException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent audit verify [--checkpoint FILE]... [--key PUBKEY] [--witness KEY]... [--require-cosignatures N]}: recomputes the tree from the entries and checks
 * every given and stored checkpoint against it; exits 1 naming the first divergent entry when anything disagrees.
 */
@Command(name = "verify", description = "Recompute the audit tree from the entries and check it against signed checkpoints.")
final class AuditVerify extends RegistryCommand {
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "A signed checkpoint to check (repeatable).")
    List<String> files = new ArrayList<>();

    @Option(names = "--key", paramLabel = "PUBKEY", description = "The verifier key (default: this registry's own key).")
    String rawKey;

    @Option(names = "--witness", paramLabel = "NAME+HASH+KEY", description = "A witness's cosignature/v1 verifier key "
            + "(repeatable; default $REGENT_AUDIT_WITNESSES, comma-separated).")
    List<String> rawWitnesses;

    @Option(names = "--require-cosignatures", paramLabel = "N", description = "Require valid cosignatures of at least N "
            + "distinct witnesses (given with --witness) on the latest checkpoint (default 0).")
    int requiredCosignatures;

    private VerifierKey key;
    private Witnesses witnesses = Witnesses.NONE;
    private final Map<String, String> notes = new LinkedHashMap<>();

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
        try {
            key = rawKey == null ? null : VerifierKey.parse(rawKey);
        } catch (InvalidNote e) {
            throw RegentException.invalid("--key: " + e.getMessage());
        }
        List<String> w = rawWitnesses != null ? rawWitnesses : environment().variable("REGENT_AUDIT_WITNESSES")
                .map(v -> List.of(v.split("[,\\s]+"))).orElse(List.of());
        witnesses = Witnesses.parse(w);
        if (requiredCosignatures < 0) {
            throw RegentException.invalid("--require-cosignatures must be 0 or more, got " + requiredCosignatures);
        }
        if (requiredCosignatures > witnesses.keys().size()) {
            throw RegentException.invalid("--require-cosignatures " + requiredCosignatures + " needs at least as many "
                    + "witnesses, given with --witness NAME+HASH+KEY (or $REGENT_AUDIT_WITNESSES); " + witnesses.keys().size()
                    + " given");
        }
        for (String f : files) {
            Path path = environment().workingDir().resolve(f);
            try {
                notes.put(f, Files.readString(path, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw RegentException.invalid("cannot read checkpoint " + f + ": " + e.getMessage());
            }
        }
    }

    @Override
    int run(Session session) {
        VerifierKey k = key != null ? key : session.audit().signingKey().verifier();
        VerificationReport report = session.audit().verifier().verify(notes, k, witnesses, requiredCosignatures);
        if (json()) {
            ArrayNode findings = Json.array();
            report.findings().forEach(findings::add);
            Json.print(Json.object().put("ok", report.ok()).put("size", report.size()).put("root", report.root().hex())
                    .put("checkpoints_checked", report.checkpointsChecked())
                    .put("first_divergent_entry", report.firstDivergent() == 0 ? null : report.firstDivergent())
                    .set("findings", findings), out());
        } else if (report.ok()) {
            out().println("OK: " + report.size() + " entries, root " + report.root().hex() + ", "
                    + report.checkpointsChecked() + " checkpoint(s) of " + k + " verified"
                    + (requiredCosignatures > 0 ? ", the latest cosigned by at least " + requiredCosignatures + " witness(es)." : "."));
        } else {
            out().println("FAILED: the audit log does not verify against " + k);
            if (report.firstDivergent() != 0) {
                out().println("First divergent entry: " + report.firstDivergent());
            }
            report.findings().forEach(f -> out().println("- " + f));
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
