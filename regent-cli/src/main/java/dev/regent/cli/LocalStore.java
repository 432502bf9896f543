package dev.regent.cli;

import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.TransactionWork;
import dev.regent.store.StoreConfig;
import dev.regent.store.StoreFactory;
import dev.regent.store.lock.DataDirLock;
import dev.regent.store.lock.LockHolder;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The store of a local-mode command (and of {@code regent mcp} in local mode), kept to one writer per data
 * directory: while no server holds the directory the command takes its lock (shared with other local commands, so
 * no server starts mid-command) and writes as before; while a server holds it, every write transaction is refused,
 * here in one place rather than per command, because the server's caches, audit signer and policy assume nobody
 * writes behind its back. Reads (lists, shows, the audit log, dry runs) still work.
 */
final class LocalStore implements RegistryStore {
    private final RegistryStore store;
    private final DataDirLock lock;
    private final String refusal;

    private LocalStore(RegistryStore store, DataDirLock lock, String refusal) {
        this.store = store;
        this.lock = lock;
        this.refusal = refusal;
    }

    /**
     * Opens the store of {@code dataDir} (or {@code dbUrl}) as the directory's lock allows; {@code oneCommand}: for a
     * process that runs one command and exits (SQLite connections per transaction rather than pools), else for one
     * that serves many ({@code regent mcp}).
     */
    static RegistryStore open(Path dataDir, String dbUrl, Clock clock, boolean oneCommand) {
        StoreConfig config = StoreConfig.of(dataDir, dbUrl);
        if (config.isPostgres()) {
            // several servers and commands legitimately share one PostgreSQL database; its own locks and the
            // cross-node cache invalidation make that safe, so there is no directory to hold
            return oneCommand ? StoreFactory.openForOneCommand(config) : StoreFactory.open(config);
        }
        Optional<DataDirLock> lock = DataDirLock.tryShared(dataDir, LockHolder.thisProcess(LockHolder.Kind.LOCAL,
                clock.instant()));
        if (lock.isPresent()) {
            try {
                return new LocalStore(oneCommand ? StoreFactory.openForOneCommand(config) : StoreFactory.open(config),
                        lock.get(), null);
            } catch (RuntimeException e) {
                lock.get().close();
                throw e;
            }
        }
        String refusal = refusal(dataDir, DataDirLock.holder(dataDir));
        // migrating is writing too: a store whose schema the server has not brought to this build's is not opened
        return new LocalStore(StoreFactory.openSqliteIfCurrent(config, !oneCommand).orElseThrow(() -> refused(refusal
                + " (its schema also differs from this regent's, so it cannot even be read here)")), null, refusal);
    }

    /** Why a local write is refused: the holder and where to send the change instead. */
    static String refusal(Path dataDir, Optional<LockHolder> holder) {
        String who = holder.filter(LockHolder::alive).map(LockHolder::describe).orElse("a Regent server");
        String where = holder.flatMap(LockHolder::serverAddress).map(url -> "--registry " + url).orElse("--registry URL");
        return "the data directory " + dataDir.toAbsolutePath().normalize() + " is held by " + who
                + ", its one writer: local-mode changes are refused while it runs; send them through it with " + where
                + " (and a token), or stop it first. Reads still work here.";
    }

    private static RegentException refused(String message) {
        return new RegentException(ErrorCode.CONFLICT, message, Map.of("reason", "data directory held"));
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        if (refusal != null) {
            throw refused(refusal);
        }
        return store.inTransaction(work);
    }

    @Override
    public <T> T read(TransactionWork<T> work) {
        return store.read(work);
    }

    @Override
    public long generation() {
        return store.generation();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    /** Closes the store, then lets the directory go (so a server may start). */
    @Override
    public void close() {
        try {
            store.close();
        } finally {
            if (lock != null) {
                lock.close();
            }
        }
    }
}
