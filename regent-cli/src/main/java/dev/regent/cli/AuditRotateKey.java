package dev.regent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.cli.input.MissingInputs;
import dev.regent.cli.output.Json;
import dev.regent.cli.output.JsonViews;
import dev.regent.cli.output.ReportText;
import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.KeyChain;
import dev.regent.core.audit.checkpoint.KeyTransition;
import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.error.RegentException;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Outcome;
import dev.regent.store.audit.SigningKeyFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code regent audit rotate-key --reason R [--old-key-lost --old-key PUBKEY] [--checkpoint-dir DIR]}: hands the log's
 * signing over to a new key, as a break-glass local command on the stopped server's data directory (like a lost admin
 * token): whoever holds the data directory holds the key, a rotation on compromise must not depend on the server that
 * may be compromised, and every node of a PostgreSQL deployment must switch keys at once.
 *
 * <p>Steps: the old key signs a checkpoint of the whole log; a {@link KeyTransition} of that tree from the old key to a new
 * one is signed by both and recorded with its audit entry (one transaction); the new key replaces the key file (the old
 * one stays beside it as {@code .retired-<key ID>} until the operator destroys it); the new key signs its first
 * checkpoint, which covers the rotation's entry. A run that stopped after the hand-over was recorded is finished by
 * running the command again.
 */
@Command(name = "rotate-key", description = "Hand the audit log's signing over to a new key (local mode, server stopped).")
final class AuditRotateKey extends RegistryCommand {
    @Option(names = "--reason", paramLabel = "TEXT", description = "Why the key is rotated (recorded in the audit entry).")
    String reason;

    @Option(names = "--old-key-lost", description = "The old key is lost (or destroyed): the hand-over is signed by the new "
            + "key alone, at the old key's last stored checkpoint; verifiers must be given the new key out of band.")
    boolean oldKeyLost;

    @Option(names = "--old-key", paramLabel = "PUBKEY", description = "With --old-key-lost: the old key's verifier key "
            + "(what 'regent audit key' printed).")
    String rawOldKey;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Also write the old key's last checkpoint, the "
            + "transition and the new key's first checkpoint into this directory.")
    String dir;

    private VerifierKey oldVerifier;

    @Override
    void prepare(MissingInputs inputs) {
        reason = inputs.require("--reason", reason);
    }

    @Override
    void validate() {
        if (reason.isBlank()) {
            throw RegentException.invalid("--reason must say why the key is rotated");
        }
        if (oldKeyLost != (rawOldKey != null)) {
            throw RegentException.invalid("--old-key PUBKEY goes with --old-key-lost, and --old-key-lost needs it");
        }
        if (rawOldKey != null) {
            try {
                oldVerifier = VerifierKey.parse(rawOldKey);
            } catch (InvalidNote e) {
                throw RegentException.invalid("--old-key: " + e.getMessage());
            }
        }
    }

    @Override
    int run(Session session) {
        if (!(session instanceof LocalSession local)) {
            throw RegentException.invalid("audit rotate-key runs in local mode on the stopped server's data directory "
                    + "(drop --registry; see docs/operations.md, 'The audit signing key')");
        }
        LocalAudit audit = local.audit();
        Path keyFile = audit.keyFile();
        AuditTree tree = audit.tree();
        Optional<SigningKey> pending = SigningKeyFile.pendingKey(keyFile);
        if (pending.isPresent() && recorded(tree, pending.get().verifier())) {
            if (dryRun()) {
                out().println("Dry run: a rotation to " + pending.get().verifier() + " was recorded but its key not yet "
                        + "installed; running the command again installs it.");
                return ExitCodes.OK;
            }
            return finish(tree, keyFile, pending.get(), null, null);
        }
        if (pending.isPresent() && !dryRun()) {
            deletePending(keyFile); // a key staged by a run that stopped before recording anything: never used
        }
        SigningKey oldKey = oldKeyLost ? null : readOldKey(keyFile);
        VerifierKey from = oldKey != null ? oldKey.verifier() : oldVerifier;
        SigningKey newKey = SigningKey.generate(from.name(), new SecureRandom());
        StoredCheckpoint sealed = null;
        long size;
        Hash root;
        if (oldKey == null) {
            Checkpoint last = lastOfLostKey(tree, from);
            size = last.size();
            root = last.root();
        } else if (dryRun()) {
            size = tree.size();
            root = tree.root(size);
        } else {
            sealed = tree.checkpoint(oldKey); // refused (CONFLICT) when the log does not verify: nothing is rotated
            size = sealed.size();
            root = sealed.root();
        }
        KeyTransition transition = new KeyTransition(from.name(), size, root, from, newKey.verifier());
        String note = oldKey != null ? transition.sign(oldKey, newKey) : transition.signWithoutOldKey(newKey);
        if (!dryRun()) {
            SigningKeyFile.stage(keyFile, newKey);
        }
        OperationReport report;
        try {
            report = local.rotateAuditKey(note, reason, dryRun());
        } catch (RuntimeException e) {
            if (!dryRun()) {
                deletePending(keyFile); // nothing was recorded: the staged key was never used
            }
            throw e;
        }
        if (report.outcome() != Outcome.APPLIED) {
            if (!dryRun()) {
                deletePending(keyFile);
            }
            return report(report);
        }
        return finish(tree, keyFile, newKey, report, sealed);
    }

    /** Installs the recorded new key, signs its first checkpoint and prints what was done. */
    private int finish(AuditTree tree, Path keyFile, SigningKey newKey, OperationReport report, StoredCheckpoint sealed) {
        Path retired = SigningKeyFile.install(keyFile);
        StoredCheckpoint first = tree.checkpoint(newKey);
        KeyChain chain = tree.keyChain(newKey.verifier());
        String transitionNote = chain.notes().get(chain.notes().size() - 1);
        List<Path> written = new ArrayList<>();
        if (dir != null) {
            Path target = environment().workingDir().resolve(dir);
            if (sealed != null) {
                written.add(write(target, "checkpoint-" + sealed.size() + ".txt", sealed.note()));
            }
            written.add(write(target, "key-transition-" + chain.transitions().get(chain.transitions().size() - 1).size()
                    + ".txt", transitionNote));
            written.add(write(target, "checkpoint-" + first.size() + ".txt", first.note()));
        }
        if (json()) {
            ObjectNode json = report == null ? Json.object() : JsonViews.report(report);
            json.put("verifier_key", newKey.verifier().toString()).put("transition", transitionNote)
                    .put("first_checkpoint", first.note()).put("retired_key_file", retired == null ? null : retired.toString());
            Json.print(json, out());
        } else {
            if (report != null) {
                ReportText.print(report, out());
            } else {
                out().println("Finished an interrupted rotation: the recorded new key is now " + keyFile + ".");
            }
            out().println();
            out().println("New verifier key (publish it where auditors keep the old one): " + newKey.verifier());
            out().println("First checkpoint of the new key: size " + first.size() + ".");
            if (retired != null) {
                out().println("The old key is kept as " + retired + ": it can no longer sign this log; destroy it once "
                        + "backups hold the rotation.");
            }
            written.forEach(p -> out().println("Written to " + p));
        }
        return report == null ? ExitCodes.OK : exitCode(report);
    }

    private static boolean recorded(AuditTree tree, VerifierKey pending) {
        try {
            KeyChain chain = tree.keyChain(pending);
            return !chain.transitions().isEmpty() && chain.current().equals(pending)
                    && chain.transitions().get(chain.transitions().size() - 1).to().equals(pending);
        } catch (RegentException e) {
            return false;
        }
    }

    private static SigningKey readOldKey(Path keyFile) {
        if (!Files.isRegularFile(keyFile)) {
            throw RegentException.invalid("there is no audit signing key at " + keyFile + ": if it is lost, rotate with "
                    + "--old-key-lost --old-key PUBKEY");
        }
        try {
            return SigningKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit signing key " + keyFile, e);
        }
    }

    /** The last checkpoint the lost key signed, as the store holds it and the chain opens it. */
    private static Checkpoint lastOfLostKey(AuditTree tree, VerifierKey lost) {
        StoredCheckpoint last = tree.latestCheckpoint().orElseThrow(() -> RegentException.invalid(
                "the log has no signed checkpoint: with nothing signed, there is nothing the new key continues"));
        try {
            return tree.keyChain(lost).open(last.note());
        } catch (InvalidNote e) {
            throw RegentException.invalid("the latest stored checkpoint (size " + last.size() + ") is not one of the key "
                    + lost + ": " + e.getMessage());
        }
    }

    private static void deletePending(Path keyFile) {
        try {
            Files.deleteIfExists(SigningKeyFile.pending(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + SigningKeyFile.pending(keyFile), e);
        }
    }

    private static Path write(Path dir, String name, String note) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                if (!Files.readString(file, StandardCharsets.UTF_8).equals(note)) {
                    throw new IllegalStateException(file + " exists and holds a different note: not overwriting it");
                }
                return file;
            }
            Files.writeString(file, note, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
