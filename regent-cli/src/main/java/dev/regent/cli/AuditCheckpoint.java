package dev.regent.cli;

import dev.regent.api.AuditTreeWires;
import dev.regent.client.AuditTreeClient;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.VerifierKey;
import java.time.Instant;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.core.audit.tree.StoredCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent audit checkpoint [--checkpoint-dir DIR]}: signs the current tree after checking it is consistent with
 * the last signed checkpoint, and writes the note to DIR as {@code checkpoint-<size>.txt} for auditors to keep.
 */
@Command(name = "checkpoint", description = "Sign the audit log's current tree (refused if it is not consistent with the last checkpoint).")
final class AuditCheckpoint extends RegistryCommand {
    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Also write the signed checkpoint into this directory.")
    String dir;

    @Override
    void prepare(MissingInputs inputs) {
    }

    @Override
    void validate() {
    }

    @Override
    int run(Session session) {
        StoredCheckpoint c = session instanceof RemoteSession remote ? signRemotely(remote)
                : session.audit().tree().checkpoint(session.audit().signingKey());
        Path written = null;
        if (dir != null) {
            written = write(environment().workingDir().resolve(dir), c);
        }
        if (json()) {
            Json.print(Json.object().put("size", c.size()).put("root", c.root().hex()).put("note", c.note())
                    .put("file", written == null ? null : written.toString()), out());
        } else {
            out().print(c.note());
            if (written != null) {
                out().println("Written to " + written);
            }
        }
        return ExitCodes.OK;
    }

    /** Signed by the server (admins); its note is opened with the server's key before it is kept or printed. */
    private static StoredCheckpoint signRemotely(RemoteSession remote) {
        AuditTreeClient audit = remote.auditTree();
        AuditTreeWires.Checkpoint signed = audit.signCheckpoint();
        VerifierKey key = VerifierKey.parse(audit.key().verifierKey());
        Checkpoint opened = SignedCheckpoints.open(signed.note(), key);
        return new StoredCheckpoint(opened.size(), opened.root(), signed.note(), Instant.parse(signed.signedAt()));
    }

    private static Path write(Path dir, StoredCheckpoint c) {
        Path file = dir.resolve("checkpoint-" + c.size() + ".txt");
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(c.note())) {
                    throw new IllegalStateException(file + " exists and holds a different checkpoint: not overwriting it");
                }
                return file;
            }
            Files.writeString(file, c.note(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
