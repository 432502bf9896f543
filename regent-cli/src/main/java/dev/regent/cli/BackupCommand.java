package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.OperationReport;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.report.Shell;
import dev.regent.store.StoreConfig;
import dev.regent.store.backup.DataDirectoryBackup;
import dev.regent.store.backup.Sha256Sums;
import dev.regent.store.files.DirectorySync;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code regent backup --to DIR}: a consistent online snapshot of the data directory (the database, every blob, the
 * keys), taken while a server runs on it, with a manifest of SHA-256 digests and the audit log's size and root at
 * that moment. It only reads the data directory, so it works on the server's machine whoever holds the directory.
 */
@Command(name = "backup", description = "Snapshot the data directory (database, blobs, keys) while the server runs.")
final class BackupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "A new or empty directory for the backup.")
    Path to;

    @Override
    public Integer call() {
        RegentCommand root = (RegentCommand) spec.root().userObject();
        CliEnvironment env = root.environment();
        if (root.registry != null) {
            throw RegentException.invalid("'regent backup' reads the data directory of the machine it runs on: run it "
                    + "where the server runs, with --data DIR, instead of --registry");
        }
        Path data = root.dataDirectory().toAbsolutePath().normalize();
        Path target = env.workingDir().resolve(to).toAbsolutePath().normalize();
        if (target.startsWith(data)) {
            throw RegentException.invalid("the backup must lie outside the data directory " + data
                    + " (a backup inside what it backs up is lost with it)");
        }
        StoreConfig config = StoreConfig.of(data, root.databaseUrl());
        Plan plan = new Plan("backup", List.of("snapshot the database of " + data + " in one read transaction",
                "copy every blob, checking it against its digest", "copy the keys and the policy file",
                "write " + Sha256Sums.FILE_NAME + " last"), List.of());
        if (root.dryRun) {
            return RegistryCommand.print(OperationReport.planned(plan, "would back up " + data + " into " + target),
                    root.json, env.out());
        }
        SnapshotFacts facts = new SnapshotFacts(env, data);
        DataDirectoryBackup.Taken taken = new DataDirectoryBackup(DirectorySync.FSYNC).take(config, target, facts::read);
        List<Finding> verification = new ArrayList<>();
        verification.add(Finding.pass("manifest", taken.files() + " files, " + taken.bytes() + " bytes, each with its "
                + "SHA-256 in " + Sha256Sums.FILE_NAME + " (check with: cd " + Shell.quote(target.toString())
                + " && sha256sum -c " + Sha256Sums.FILE_NAME + ")"));
        verification.add(facts.auditFinding());
        OperationReport report = OperationReport.applied(plan,
                List.of(new Change("backup", target.toString(), "database, " + taken.blobs() + " blob(s), keys; audit log "
                        + taken.info().getOrDefault("audit_size", "?") + " entries, policy revision "
                        + taken.info().getOrDefault("policy_revision", "?"))),
                verification, Rollback.by("rm -r " + Shell.quote(target.toString()),
                        "the data directory was only read; removing the backup undoes this"),
                "backed up " + data + " into " + target + " (it holds the keys: keep it as private as the data directory)");
        return RegistryCommand.print(report, root.json, env.out());
    }
}
