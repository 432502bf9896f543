package dev.regent.cli;

import dev.regent.core.error.RegentException;
import dev.regent.core.model.Principal;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.RegistrySession;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.store.StoreFactory;
import java.io.File;
import java.security.SecureRandom;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Local mode: the registry runs in this process on the embedded store (or the configured database) for the length
 * of one command. The acting principal is --as, or the OS user; changes are audited via=local with the OS user.
 * While a server holds the data directory, changes are refused ({@link LocalStore}).
 */
final class LocalSession implements Session {
    /** The "via" of every change made in local mode. */
    static final String CHANNEL = "local";
    private final RegistryStore store;
    private final RegistrySession registry;
    private final LocalAudit audit;
    private final dev.regent.store.blob.FileBlobStore blobs;
    private final Registry service;

    private LocalSession(RegistryStore store, Registry service, RegistrySession registry, LocalAudit audit,
                         dev.regent.store.blob.FileBlobStore blobs) {
        this.service = service;
        this.blobs = blobs;
        this.store = store;
        this.registry = registry;
        this.audit = audit;
    }

    /** Records a hand-over of the audit signing key as the acting principal (see {@link Registry#rotateAuditKey}). */
    dev.regent.core.report.OperationReport rotateAuditKey(String transitionNote, String reason, boolean dryRun) {
        return service.rotateAuditKey(actor(), transitionNote, reason, dryRun);
    }

    static LocalSession open(RegentCommand options) {
        CliEnvironment env = options.environment();
        Path dataDir = options.dataDirectory();
        String dbUrl = options.databaseUrl();
        Principal actor = options.as != null ? Principal.of(options.as) : osUser(env.osUser());
        List<Path> roots = new ArrayList<>(List.of(env.workingDir(), dataDir));
        env.variable("REGENT_FILE_ROOTS").ifPresent(value -> {
            for (String root : value.split(File.pathSeparator)) {
                if (!root.isBlank()) {
                    roots.add(Path.of(root));
                }
            }
        });
        Optional<PolicyFiles.Given> policy = options.policyIsWhatIf ? Optional.empty()
                : PolicyFiles.given(options.policy, env, dataDir);
        Path data = dataDir.toAbsolutePath().normalize();
        StartupTrace.mark("local: policy read");
        RegistryStore store = LocalStore.open(data, dbUrl, env.clock(), true);
        StartupTrace.mark("local: store open");
        try {
            dev.regent.store.blob.FileBlobStore blobs = StoreFactory.blobs(data);
            // the principal is only asserted here (--as), so each audit entry also names the OS account behind it
            Registry registry = new Registry(store, env.clock(), new SecureRandom(), new SourceRules(roots),
                    () -> PolicyFiles.seed(policy), blobs, false).via(CHANNEL).onBehalfOfOsUser(osUserName(env.osUser()));
            StartupTrace.mark("local: registry built");
            policy.ifPresent(given -> registry.policies().requireInEffect(given.policy(), given.how()));
            StartupTrace.mark("local: policy checked");
            // local mode is one trusted operator: the OS user becomes the first admin of an empty registry
            registry.access().bootstrapAdmin(osUser(env.osUser()), "first local operator of this registry");
            return new LocalSession(store, registry, registry.as(actor), new LocalAudit(store, env, data), blobs);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** The OS account as the audit log records it: as the OS says, or "unknown" when it does not say. */
    static String osUserName(String name) {
        String cleaned = name == null || name.isBlank() ? "unknown" : name.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() > 256 ? cleaned.substring(0, 256) : cleaned;
    }

    /** The OS user as a principal; characters a principal name cannot hold become '-'. */
    static Principal osUser(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._@+-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
        if (cleaned.isEmpty()) {
            throw RegentException.invalid("cannot derive a principal from the OS user '" + name + "'; pass --as NAME");
        }
        return Principal.of(cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned);
    }

    /** The registry service itself, for the facets the session interface does not carry (webhooks). */
    Registry service() {
        return service;
    }

    @Override
    public RegistrySession registry() {
        return registry;
    }

    @Override
    public LocalAudit audit() {
        return audit;
    }

    @Override
    public java.util.Optional<Path> blobFile(dev.regent.core.model.Digest digest) {
        return java.util.Optional.of(blobs.path(digest));
    }

    @Override
    public void close() {
        store.close();
    }
}
