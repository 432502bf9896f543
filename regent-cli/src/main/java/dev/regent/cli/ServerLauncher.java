package dev.regent.cli;

import dev.regent.core.audit.checkpoint.SigningKey;
import dev.regent.core.audit.tree.AuditTree;
import dev.regent.core.audit.tree.CheckpointSigner;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.server.RegentServer;
import dev.regent.server.ServerConfig;
import dev.regent.store.StoreConfig;
import dev.regent.store.StoreFactory;
import dev.regent.store.lock.DataDirLock;
import dev.regent.store.lock.LockHolder;
import dev.regent.store.files.WriteOnceFile;
import dev.regent.store.audit.CheckpointDirectory;
import dev.regent.store.audit.SigningKeyFile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * The composition of a running server: store, registry (principals authenticated by token), blob store and HTTP
 * server, plus the first start's bootstrap of an admin and its token. {@code regent serve} and the tests use it.
 */
final class ServerLauncher implements AutoCloseable {
    static final Principal BOOTSTRAP_ADMIN = Principal.of("admin");
    static final String PAGE_KEY_FILE = "page-token.key";
    private final RegistryStore store;
    private final RegentServer server;
    private final int port;
    private final Optional<String> bootstrapToken;
    private final CheckpointSigner audit;
    private final String policy;
    private final DataDirLock lock;

    private ServerLauncher(RegistryStore store, RegentServer server, int port, Optional<String> bootstrapToken,
                           CheckpointSigner audit, String policy, DataDirLock lock) {
        this.lock = lock;
        this.audit = audit;
        this.policy = policy;
        this.store = store;
        this.server = server;
        this.port = port;
        this.bootstrapToken = bootstrapToken;
    }

    /**
     * How the server signs its audit log: the key file (null: audit-signing.key in the data directory, created on first
     * use with the name {@code origin}), the checkpoint schedule, and the directory checkpoints are also written to
     * (null: none), and the witnesses whose cosignatures on its checkpoints it accepts.
     */
    record AuditOptions(Path keyFile, String origin, CheckpointSigner.Schedule schedule, Path checkpointDir,
                        dev.regent.core.audit.tree.Witnesses witnesses) {
        static AuditOptions defaults() {
            return new AuditOptions(null, LocalAudit.DEFAULT_ORIGIN, CheckpointSigner.Schedule.defaults(), null,
                    dev.regent.core.audit.tree.Witnesses.NONE);
        }
    }

    /** Starts a server; on an empty registry also creates the admin and its token (the given one, if any). */
    static ServerLauncher start(Path dataDir, String dbUrl, Policy policy, String host, int port, String presetToken,
                                Clock clock) {
        return start(dataDir, dbUrl, policy, host, port, presetToken, clock, AuditOptions.defaults());
    }

    /** As above, signing the audit log as {@code audit} says. */
    static ServerLauncher start(Path dataDir, String dbUrl, Policy policy, String host, int port, String presetToken,
                                Clock clock, AuditOptions audit) {
        return start(dataDir, dbUrl, policy, Optional.empty(), host, port, presetToken, clock, audit,
                ServerConfig.DEFAULT_MAX_UPLOAD_BYTES, java.util.List.of());
    }

    /** As below, without links from run ids to a tracking server. */
    static ServerLauncher start(Path dataDir, String dbUrl, Policy seed, Optional<PolicyFiles.Given> given, String host,
                                int port, String presetToken, Clock clock, AuditOptions audit, long maxUploadBytes,
                                java.util.List<java.net.URI> publicUrls) {
        return start(dataDir, dbUrl, seed, given, host, port, presetToken, clock, audit, maxUploadBytes, publicUrls,
                dev.regent.server.ui.RunLinks.NONE, dev.regent.server.webhook.WebhookSettings.defaults(java.util.List.of()));
    }

    /**
     * As above: {@code seed} becomes revision 1 of a registry without a policy; {@code given} is the policy file the
     * process was given, if any, which must otherwise be the policy in effect (the start is refused when it is not);
     * uploads (evidence, artifact files) of at most {@code maxUploadBytes} are accepted, 413 beyond; the web UI links
     * run ids through {@code runLinks}; webhooks are delivered as {@code webhooks} says (its allowed ranges from
     * --webhook-allow).
     */
    static ServerLauncher start(Path dataDir, String dbUrl, Policy seed, Optional<PolicyFiles.Given> given, String host,
                                int port, String presetToken, Clock clock, AuditOptions audit, long maxUploadBytes,
                                java.util.List<java.net.URI> publicUrls, dev.regent.server.ui.RunLinks runLinks,
                                dev.regent.server.webhook.WebhookSettings webhooks) {
        Path data = dataDir.toAbsolutePath().normalize();
        // one writer per embedded data directory; nodes sharing a PostgreSQL database share it by design and hold none
        DataDirLock lock = StoreConfig.of(data, dbUrl).isPostgres() ? null : ServerDirectoryLock.acquire(data, clock);
        RegistryStore store;
        try {
            dev.regent.store.JdbcRegistryStore opened = StoreFactory.openLongLived(data, dbUrl);
            if (lock != null) {
                opened.declareSoleWriter(); // nothing else writes the file while we hold the lock: no staleness bound
            }
            store = opened;
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
        try {
            // a server reads no client-named files: a local path names the client's disk, so it is recorded, never opened
            Registry registry = new Registry(store, clock, new SecureRandom(), SourceRules.references(),
                    seed, StoreFactory.blobs(data), true);
            given.ifPresent(file -> registry.policies().requireInEffect(file.policy(), file.how()));
            Optional<String> token = registry.access().bootstrapServerAdmin(BOOTSTRAP_ADMIN, presetToken);
            SigningKey key = SigningKeyFile.loadOrCreate(audit.keyFile() != null ? audit.keyFile()
                    : data.resolve(SigningKeyFile.FILE_NAME), audit.origin(), new SecureRandom());
            CheckpointSigner.Sink sink = audit.checkpointDir() == null ? CheckpointSigner.Sink.NONE
                    : new CheckpointDirectory(audit.checkpointDir());
            CheckpointSigner signer = new CheckpointSigner(new AuditTree(store, clock), key, sink, audit.schedule(), clock,
                    audit.witnesses());
            RegentServer server = new RegentServer(registry, StoreFactory.blobs(data), clock,
                    ServerConfig.defaults(host, port, pageTokenKey(data)).withMaxUploadBytes(maxUploadBytes)
                            .withPublicUrls(publicUrls).withRunLinks(runLinks),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), signer)
                    .withMcp(McpCommand.renderer(), McpCommand.VERSION);
            // the data directory's lock makes this server the only node: it takes back a killed predecessor's claims
            server.webhooks(lock != null ? webhooks.asSoleNode() : webhooks);
            int bound = server.start();
            if (lock != null) {
                // now the lock file can say where to send what a local command may not write
                lock.advertise(LockHolder.thisProcess(LockHolder.Kind.SERVER, clock.instant())
                        .at("http://" + urlHost(host) + ":" + bound));
            }
            return new ServerLauncher(store, server, bound, token, signer,
                    "policy " + registry.policies().inEffect().revision().label(), lock);
        } catch (Exception e) {
            // also the HTTP library's failure to listen (a checked exception it throws unchecked): whatever stopped the
            // start, the data directory is let go, or no local command could write to it until this process exits
            try {
                store.close();
            } finally {
                release(lock);
            }
            throw e;
        }
    }

    /**
     * The key that signs page tokens, kept in the data directory (0600) so tokens stay valid across restarts and
     * nodes sharing the directory agree on it.
     */
    static byte[] pageTokenKey(Path data) {
        Path file = data.resolve(PAGE_KEY_FILE);
        try {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            // written once: a node starting at the same moment on a shared directory reads the first node's key
            return WriteOnceFile.createOrRead(file, key, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    /** The policy in effect when the server started, for its start-up line: "policy revision 2 (sha256:…)". */
    String policy() {
        return policy;
    }

    int port() {
        return port;
    }

    /** The audit signer (its key, schedule and any incident). */
    CheckpointSigner audit() {
        return audit;
    }

    /** The admin token created by this start (only on the very first start of a registry). */
    Optional<String> bootstrapToken() {
        return bootstrapToken;
    }

    /** Graceful stop: in-flight requests finish, then the database closes, then the data directory is let go. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            try {
                store.close();
            } finally {
                release(lock);
            }
        }
    }

    private static void release(DataDirLock lock) {
        if (lock != null) {
            lock.close();
        }
    }

    /** The host as a URL on this machine writes it: loopback for a wildcard bind, an IPv6 address in brackets. */
    private static String urlHost(String host) {
        if (host.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (host.equals("::") || host.equals("[::]")) {
            return "[::1]";
        }
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
