package dev.regent.cli;

import dev.regent.core.audit.checkpoint.VerifierKey;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.audit.tree.VerificationReport;
import dev.regent.core.policy.PolicyRevision;
import dev.regent.core.report.Finding;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreConfig;
import dev.regent.store.StoreFactory;
import dev.regent.store.audit.SigningKeyFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a backup records about its database snapshot, read from the snapshot itself (not the live registry, which
 * moved on): the audit log's size and root, whether it verifies under the registry's key, the policy revision.
 */
final class SnapshotFacts {
    private final CliEnvironment env;
    private final Path dataDir;
    private Finding audit = Finding.pass("audit log", "not checked");

    SnapshotFacts(CliEnvironment env, Path dataDir) {
        this.env = env;
        this.dataDir = dataDir;
    }

    Map<String, String> read(Path snapshot) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("format", "regent-backup 1");
        info.put("created_at", env.clock().instant().toString());
        info.put("source", dataDir.toString());
        info.put("schema_version", StoreFactory.schemaVersion());
        RegistryStore store = StoreFactory.openSqliteIfCurrent(StoreConfig.of(snapshot.getParent(), "jdbc:sqlite:" + snapshot))
                .orElseThrow(() -> new dev.regent.core.error.RegentException(dev.regent.core.error.ErrorCode.CONFLICT,
                        "the database's schema is not this regent's (" + StoreFactory.schemaVersion() + "): back it up "
                                + "with the regent that serves it", Map.of()));
        try (store) {
            java.util.List<PolicyRevision> revisions = store.read(tx -> tx.policyRevisions());
            if (!revisions.isEmpty()) {
                PolicyRevision policy = revisions.get(revisions.size() - 1);
                info.put("policy_revision", Integer.toString(policy.number()));
                info.put("policy_digest", policy.digest().toString());
            }
            Optional<VerifierKey> key = key();
            if (key.isEmpty()) {
                info.put("audit_verified", "no signing key in the data directory");
                audit = Finding.pass("audit log", "not verified: no audit-signing.key in " + dataDir);
                return info;
            }
            VerificationReport report = new AuditVerifier(store).verify(Map.of(), key.get());
            info.put("audit_size", Long.toString(report.size()));
            info.put("audit_root", report.root().hex());
            info.put("audit_verified", report.ok() ? "yes" : "NO: " + String.join("; ", report.findings()));
            audit = report.ok()
                    ? Finding.pass("audit log", report.size() + " entries, root " + report.root().hex() + ", "
                            + report.checkpointsChecked() + " checkpoint(s) of " + key.get() + " verified in the snapshot")
                    : Finding.fail("audit log", "the snapshot's audit log does not verify (the backup was kept as "
                            + "evidence): " + String.join("; ", report.findings()));
            return info;
        }
    }

    Finding auditFinding() {
        return audit;
    }

    private Optional<VerifierKey> key() {
        return SigningKeyFile.verifierIfPresent(env.variable("REGENT_AUDIT_KEY_FILE").map(f -> env.workingDir().resolve(f))
                .orElse(dataDir.resolve(SigningKeyFile.FILE_NAME)));
    }
}
