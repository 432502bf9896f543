package dev.regent.cli;

import dev.regent.core.model.Principal;
import dev.regent.core.policy.Policy;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.SourceRules;
import dev.regent.core.store.RegistryStore;
import dev.regent.server.RegentServer;
import dev.regent.server.ServerConfig;
import dev.regent.store.StoreFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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

    private ServerLauncher(RegistryStore store, RegentServer server, int port, Optional<String> bootstrapToken) {
        this.store = store;
        this.server = server;
        this.port = port;
        this.bootstrapToken = bootstrapToken;
    }

    /** Starts a server; on an empty registry also creates the admin and its token (the given one, if any). */
    static ServerLauncher start(Path dataDir, String dbUrl, Policy policy, String host, int port, String presetToken,
                                Clock clock) {
        Path data = dataDir.toAbsolutePath().normalize();
        RegistryStore store = StoreFactory.open(data, dbUrl);
        try {
            // a server reads no client-named files: file: sources are refused
            Registry registry = new Registry(store, clock, new SecureRandom(), SourceRules.noLocalFiles(), policy,
                    StoreFactory.blobs(data), true);
            Optional<String> token = registry.bootstrapServerAdmin(BOOTSTRAP_ADMIN, presetToken);
            RegentServer server = new RegentServer(registry, StoreFactory.blobs(data), clock,
                    ServerConfig.defaults(host, port, pageTokenKey(data)));
            int bound = server.start();
            return new ServerLauncher(store, server, bound, token);
        } catch (RuntimeException e) {
            store.close();
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
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            Files.createDirectories(data);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(data, "page-key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX: the data directory's own permissions protect it
            }
            Files.write(tmp, key);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    int port() {
        return port;
    }

    /** The admin token created by this start (only on the very first start of a registry). */
    Optional<String> bootstrapToken() {
        return bootstrapToken;
    }

    /** Graceful stop: in-flight requests finish, then the database closes. */
    @Override
    public void close() {
        try {
            server.stop();
        } finally {
            store.close();
        }
    }
}
