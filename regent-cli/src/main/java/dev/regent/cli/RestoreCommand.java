package dev.regent.cli;

import dev.regent.core.audit.checkpoint.Checkpoint;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.SignedCheckpoints;
import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.report.Shell;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreConfig;
import dev.regent.store.StoreFactory;
import dev.regent.store.audit.SigningKeyFile;
import dev.regent.store.backup.DataDirectoryRestore;
import dev.regent.store.backup.Sha256Sums;
import dev.regent.store.files.DirectorySync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regent restore --from DIR --data NEW_DIR [--checkpoint FILE]...}: restores a backup into a new data
 * directory, then refuses it (and removes what it wrote) unless its audit log verifies and is consistent with every
 * checkpoint given — the latest one published, so that an older backup, which would silently fork the log the world
 * has seen, is never brought back as if it were current.
 */
@Command(name = "restore", description = "Restore a backup into a new data directory, checked against the latest published checkpoint.")
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DIR", description = "The backup ('regent backup --to DIR').")
    Path from;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "A signed checkpoint the restored log must be consistent with: give the latest one published (repeatable).")
    List<Path> checkpoints = new ArrayList<>();

    @Option(names = "--key", paramLabel = "PUBKEY", description = "The checkpoints' verifier key (default: the backup's own signing key).")
    String rawKey;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        if (root.data == null) {
            throw RegentException.invalid("--data NEW_DIR is required: a backup is restored into a new data directory, "
                    + "never over the one in use");
        }
        if (root.registry != null || root.db != null) {
            throw RegentException.invalid("'regent restore' restores the embedded store into --data NEW_DIR; a "
                    + "PostgreSQL registry is restored with pg_restore (docs/operations.md)");
        }
        Path source = env.workingDir().resolve(from).toAbsolutePath().normalize();
        Path target = root.dataDirectory().toAbsolutePath().normalize();
        Map<String, String> notes = readCheckpoints(env);
        VerifierKey givenKey = parseKey();
        Plan plan = new Plan("restore", List.of("check every file of " + source + " against its " + Sha256Sums.FILE_NAME,
                "copy it into the new data directory " + target, "verify the restored audit log and its consistency "
                        + "with " + (notes.isEmpty() ? "its own stored checkpoints" : notes.size() + " given checkpoint(s)")),
                List.of());
        if (root.dryRun) {
            return RegistryCommand.print(OperationReport.planned(plan, "would restore " + source + " into " + target),
                    root.json, env.out());
        }
        DataDirectoryRestore.Restored restored = new DataDirectoryRestore(DirectorySync.FSYNC).restore(source, target);
        List<Finding> verification = new ArrayList<>();
        verification.add(Finding.pass("manifest", restored.files() + " files restored, each matching its SHA-256"));
        try {
            verification.add(checkLog(target, notes, givenKey));
        } catch (RuntimeException e) {
            DataDirectoryRestore.discard(target);
            throw e;
        }
        if (notes.isEmpty()) {
            verification.add(Finding.pass("newest state", "not checked: no published checkpoint was given, so nothing "
                    + "says whether entries were written after this backup (give the latest with --checkpoint FILE)"));
        }
        OperationReport report = OperationReport.applied(plan,
                List.of(new Change("restore", target.toString(), "from the backup of "
                        + restored.info().getOrDefault("created_at", "an unknown time") + " (audit log "
                        + restored.info().getOrDefault("audit_size", "?") + " entries, policy revision "
                        + restored.info().getOrDefault("policy_revision", "?") + ")")),
                verification, Rollback.by("rm -r " + Shell.quote(target.toString()),
                        "the backup was only read; the restored directory is new"),
                "restored into " + target + ": start the server on it with 'regent serve --data "
                        + Shell.quote(target.toString()) + "'");
        return RegistryCommand.print(report, root.json, env.out());
    }

    /** Opens the restored store (migrating an older backup's schema) and verifies its log; refuses a fork. */
    private Finding checkLog(Path target, Map<String, String> notes, VerifierKey givenKey) {
        VerifierKey key = givenKey != null ? givenKey : restoredKey(target);
        if (key == null) {
            if (!notes.isEmpty()) {
                throw RegentException.invalid("the backup holds no audit signing key: give the checkpoints' key with --key");
            }
            return Finding.pass("audit log", "not verified: the backup holds no audit signing key");
        }
        VerificationReport report;
        try (RegistryStore store = StoreFactory.open(StoreConfig.of(target, null))) {
            report = new AuditVerifier(store).verify(notes, key);
        }
        if (report.ok()) {
            return Finding.pass("audit log", report.size() + " entries, root " + report.root().hex() + ", consistent with "
                    + report.checkpointsChecked() + " checkpoint(s) of " + key);
        }
        long newest = newestSize(notes, key);
        if (newest > report.size()) {
            throw new RegentException(ErrorCode.RULE_VIOLATION, "refused: this backup's audit log holds " + report.size()
                    + " entries, but a published checkpoint covers " + newest + ": the registry changed after this "
                    + "backup, and restoring it would fork the log others have seen. Restore a newer backup, or see "
                    + "docs/operations.md ('An older backup is a fork'); nothing was restored",
                    Map.of("backup_entries", report.size(), "checkpoint_entries", newest));
        }
        throw new RegentException(ErrorCode.RULE_VIOLATION, "refused: the backup's audit log does not verify: "
                + String.join("; ", report.findings()) + "; nothing was restored", Map.of());
    }

    private static long newestSize(Map<String, String> notes, VerifierKey key) {
        long newest = 0;
        for (String note : notes.values()) {
            try {
                Checkpoint c = SignedCheckpoints.open(note, key);
                newest = Math.max(newest, c.size());
            } catch (InvalidNote e) {
                // reported by the verifier's findings
            }
        }
        return newest;
    }

    private static VerifierKey restoredKey(Path target) {
        return SigningKeyFile.verifierIfPresent(target.resolve(SigningKeyFile.FILE_NAME)).orElse(null);
    }

    private Map<String, String> readCheckpoints(CliEnvironment env) {
        Map<String, String> notes = new LinkedHashMap<>();
        for (Path p : checkpoints) {
            Path file = env.workingDir().resolve(p);
            try {
                notes.put(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw RegentException.invalid("cannot read checkpoint " + p + ": " + e.getMessage());
            }
        }
        return notes;
    }

    private VerifierKey parseKey() {
        try {
            return rawKey == null ? null : VerifierKey.parse(rawKey);
        } catch (InvalidNote e) {
            throw RegentException.invalid("--key: " + e.getMessage());
        }
    }
}
