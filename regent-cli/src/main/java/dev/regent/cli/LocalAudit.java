package dev.regent.cli;

import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.AuditVerifier;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.audit.SigningKeyFile;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The audit tree, its verifier and the signing key of a local session. The key is REGENT_AUDIT_KEY_FILE or
 * audit-signing.key in the data directory, created on first use with the origin REGENT_AUDIT_ORIGIN
 * (default {@value #DEFAULT_ORIGIN}); it is loaded only by the commands that need it.
 */
final class LocalAudit {
    static final String DEFAULT_ORIGIN = "regent.local/audit";

    private final RegistryStore store;
    private final CliEnvironment env;
    private final Path dataDir;

    LocalAudit(RegistryStore store, CliEnvironment env, Path dataDir) {
        this.store = store;
        this.env = env;
        this.dataDir = dataDir;
    }

    AuditTree tree() {
        return new AuditTree(store, env.clock());
    }

    /** The latest stored checkpoint, if any has been signed. */
    java.util.Optional<dev.regent.core.audit.tree.StoredCheckpoint> latestCheckpoint() {
        return store.read(tx -> tx.latestCheckpoint());
    }

    AuditVerifier verifier() {
        return new AuditVerifier(store);
    }

    /** The signing key, generated into the data directory on first use. */
    SigningKey signingKey() {
        return SigningKeyFile.loadOrCreate(keyFile(), env.variable("REGENT_AUDIT_ORIGIN").orElse(DEFAULT_ORIGIN), new SecureRandom());
    }

    /** Where the signing key is kept: REGENT_AUDIT_KEY_FILE, or audit-signing.key in the data directory. */
    Path keyFile() {
        return env.variable("REGENT_AUDIT_KEY_FILE").map(f -> env.workingDir().resolve(f))
                .orElse(dataDir.resolve(SigningKeyFile.FILE_NAME));
    }
}
