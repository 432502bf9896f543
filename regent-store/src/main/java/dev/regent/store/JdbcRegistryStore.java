package dev.regent.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.regent.core.audit.AuditIncident;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.store.StorageFull;
import dev.regent.core.store.StoreFailure;
import dev.regent.core.store.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * The JDBC {@link RegistryStore}: owns the transaction boundary. Work runs in one transaction that commits when
 * it returns and rolls back when it throws; transactions the database aborted to break a deadlock or a
 * serialization conflict (or a lock it could not get within the busy timeout) are run again from the start.
 */
public final class JdbcRegistryStore implements RegistryStore {
    /** How many times a transaction is tried when the database asks for a retry. */
    static final int MAX_ATTEMPTS = 5;

    private final Dialect dialect;
    private final DataSource writers;
    private final DataSource readers;
    private final String description;
    /** Seals webhook secrets at rest (the key file in the data directory). */
    private final dev.regent.store.secrets.SecretSeal seal;
    private final List<HikariDataSource> pools;
    // Nested transactions would need a second connection and could wait on themselves; refuse them instead.
    private final ThreadLocal<Boolean> inside = ThreadLocal.withInitial(() -> false);
    /** Set by a write transaction that committed having written nothing (see {@link Sql#wroteNothing}). */
    private final ThreadLocal<Boolean> quietCommit = new ThreadLocal<>();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong accessGeneration = new java.util.concurrent.atomic.AtomicLong();
    /** Set by this thread's write transaction when it changed access data; read (and cleared) after it ends. */
    private final ThreadLocal<Boolean> accessTouched = ThreadLocal.withInitial(() -> false);
    private PostgresChangeListener listener;
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean maintaining;
    private volatile GroupCommit group;
    private volatile boolean soleWriter;
    private volatile String auditIncident;
    private final StorageWatch storage = new StorageWatch(java.time.Clock.systemUTC());

    JdbcRegistryStore(Dialect dialect, DataSource writers, DataSource readers, String description,
                      List<HikariDataSource> pools, dev.regent.store.secrets.SecretSeal seal) {
        this.seal = seal;
        this.dialect = dialect;
        this.writers = writers;
        this.readers = readers;
        this.description = description;
        this.pools = List.copyOf(pools);
    }

    /**
     * From now on, write transactions that arrive while one runs share its commit ({@link GroupCommit}): for a
     * database with one writer connection, where each commit is an fsync (SQLite).
     */
    void commitInGroups() {
        group = new GroupCommit(dialect, writers, new GroupCommit.Committer() {
            @Override
            public void commit(Connection connection, boolean accessChanged) throws SQLException {
                commitWrite(connection, accessChanged);
            }

            @Override
            public void accessChanged() {
                accessTouched.set(true);
            }

            @Override
            public JdbcStoreTransaction transaction(Sql sql) {
                return JdbcRegistryStore.this.transaction(sql, false);
            }

            @Override
            public boolean rollback(Connection connection) {
                return JdbcRegistryStore.this.rollback(connection, new RuntimeException("group rollback"));
            }

            @Override
            public void release(Connection connection, boolean healthy) {
                JdbcRegistryStore.release(writers, connection, healthy);
            }
        });
    }

    /** Runs the dialect's periodic housekeeping (SQLite's planner statistics) from now on: for long-running processes. */
    void maintainStatistics() {
        maintaining = true;
    }

    /**
     * Declares this process the database's only writer: the caller holds the embedded data directory's lock (one
     * writer per data directory), so every commit is this store's own and moves its generation.
     */
    public void declareSoleWriter() {
        soleWriter = true;
    }

    @Override
    public boolean hearsEveryChange() {
        return soleWriter || listener != null;
    }

    /** Hears other nodes' commits through PostgreSQL's LISTEN on its own connection to {@code jdbcUrl}. */
    void listenForOtherNodes(String jdbcUrl) {
        listener = new PostgresChangeListener(jdbcUrl, generation::incrementAndGet, accessGeneration::incrementAndGet);
        listener.start();
    }

    /**
     * Moves on after every write transaction of this store (committed or not: a failed commit may have committed)
     * and whenever another node announces a commit; while other nodes cannot be heard, on every call.
     */
    @Override
    public long generation() {
        PostgresChangeListener l = listener;
        return l != null && !l.hearing() ? generation.incrementAndGet() : generation.get();
    }

    /**
     * As {@link #generation()}, for tokens, principals and grants only: it moves on after each write transaction of
     * this store that wrote them (committed or not) and when another node announces such a commit, so writes to
     * models leave authentication cached.
     */
    @Override
    public long accessGeneration() {
        PostgresChangeListener l = listener;
        return l != null && !l.hearing() ? accessGeneration.incrementAndGet() : accessGeneration.get();
    }

    /** Runs the work in one write transaction, retried from the start when the database asks; see {@link RegistryStore}. */
    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return run(work, false);
    }

    /** Runs read-only work against one consistent snapshot; writes are refused. */
    @Override
    public <T> T read(TransactionWork<T> work) {
        return run(work, true);
    }

    /** "SQLite /abs/path/regent.db" or "PostgreSQL host:port/db"; never a password. */
    @Override
    public String describe() {
        return description;
    }

    /** Closes the connection pools. */
    @Override
    public void close() {
        if (listener != null) {
            listener.close();
        }
        pools.forEach(HikariDataSource::close);
    }

    @Override
    public Optional<String> auditIncident() {
        return Optional.ofNullable(auditIncident);
    }

    @Override
    public Optional<String> storageFull() {
        return storage.condition();
    }

    private <T> T run(TransactionWork<T> work, boolean readOnly) {
        try {
            return runOnce(work, readOnly);
        } catch (StorageFull e) {
            // named here, where the store knows which database it is: the person reading it must find the disk
            StorageFull named = new StorageFull(description + " has no space left: nothing was written; free space on the "
                    + "disk that holds it (or raise its quota), then retry [" + Sql.detail(e) + "]", e);
            storage.refused(named);
            throw named;
        } catch (AuditIncident e) {
            if (auditIncident == null) {
                // kept for the life of the process: the server logs it, /ready reports it, the signer refuses
                auditIncident = e.getMessage();
            }
            throw e;
        }
    }

    private <T> T runOnce(TransactionWork<T> work, boolean readOnly) {
        if (inside.get()) {
            throw new IllegalStateException("a store transaction is already open on this thread; "
                    + "do all the work inside the one transaction instead of nesting another");
        }
        inside.set(true);
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    T result = once(work, readOnly);
                    if (!readOnly && quietCommit.get() == null) {
                        // only a commit that wrote something shows there is space again: a quiet one (a delivery
                        // claim that found nothing) commits on a full disk too
                        storage.wrote();
                    }
                    return result;
                } catch (RuntimeException e) {
                    if (attempt >= MAX_ATTEMPTS || !retryable(e)) {
                        throw e;
                    }
                    pause(attempt);
                } finally {
                    if (quietCommit.get() != null) {
                        quietCommit.remove(); // it wrote nothing: nothing to hear (see Sql#wroteNothing)
                    } else if (!readOnly) {
                        generation.incrementAndGet();
                        if (accessTouched.get()) {
                            accessGeneration.incrementAndGet();
                            accessTouched.remove();
                        }
                    }
                }
            }
        } finally {
            inside.remove();
        }
    }

    private <T> T once(TransactionWork<T> work, boolean readOnly) {
        GroupCommit grouped = group;
        if (!readOnly && grouped != null) {
            return grouped.run(work);
        }
        DataSource source = readOnly ? readers : writers;
        Connection connection;
        try {
            connection = source.getConnection();
        } catch (SQLException e) {
            throw new StoreFailure("cannot get a connection to " + description + ": " + e.getMessage(), e);
        }
        boolean healthy = false;
        Sql sql = null;
        try {
            dialect.begin(connection, readOnly);
            T result;
            try {
                sql = new Sql(connection, dialect);
                result = work.run(transaction(sql, readOnly));
                sql.requireUsable(); // work that swallowed a refused write must not commit the rest
            } catch (RuntimeException | Error e) {
                noteAccess(sql);
                healthy = rollback(connection, e);
                throw e;
            }
            try {
                // A read changed nothing; rolling it back also guarantees nothing it did could persist.
                if (readOnly) {
                    dialect.rollback(connection);
                } else if (sql.quiet()) {
                    dialect.commit(connection); // it wrote nothing: no announcement to wake the other nodes
                    quietCommit.set(Boolean.TRUE);
                } else {
                    noteAccess(sql);
                    commitWrite(connection, sql.changedAccess());
                }
            } catch (SQLException e) {
                StoreFailure failure = Sql.failure(e);
                healthy = rollback(connection, failure);
                throw failure;
            }
            healthy = true;
            return result;
        } catch (SQLException e) {
            StoreFailure failure = Sql.failure(e);
            healthy = rollback(connection, failure);
            throw failure;
        } finally {
            release(source, connection, healthy);
        }
    }

    /** The store's transaction over one connection's statements (webhook secrets sealed with this store's key). */
    private JdbcStoreTransaction transaction(Sql sql, boolean readOnly) {
        return new JdbcStoreTransaction(sql, readOnly, seal);
    }

    /** Commits a write transaction: announced to the other nodes first (delivered only if it commits), then tidied. */
    private void commitWrite(Connection connection, boolean accessChanged) throws SQLException {
        String announce = dialect.announceChangeSql(accessChanged);
        if (announce != null) {
            try (java.sql.Statement s = connection.createStatement()) {
                s.execute(announce);
            }
        }
        dialect.commit(connection);
        maintain(connection);
    }

    /** A write that touched access data moves the access generation on once it has ended (see runOnce). */
    private void noteAccess(Sql sql) {
        if (sql != null && sql.changedAccess()) {
            accessTouched.set(true);
        }
    }

    /** The dialect's periodic housekeeping, on the writer connection just committed; its failure fails nothing. */
    private void maintain(Connection connection) {
        String sql = dialect.periodicMaintenanceSql();
        if (!maintaining || sql == null || writes.incrementAndGet() % SqliteStatistics.EVERY_WRITES != 0) {
            return;
        }
        try (java.sql.Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            System.getLogger(JdbcRegistryStore.class.getName()).log(System.Logger.Level.WARNING,
                    "periodic maintenance (" + sql + ") failed: " + e.getMessage());
        }
    }

    /** Rolls back after a failure; returns whether the connection is fit to go back to the pool. */
    private boolean rollback(Connection connection, Throwable failure) {
        try {
            dialect.rollback(connection);
            return true;
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
            return false;
        }
    }

    private static void release(DataSource source, Connection connection, boolean healthy) {
        if (!healthy && source instanceof HikariDataSource pool) {
            pool.evictConnection(connection);
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Returning a connection to the pool only fails when it is already broken; the pool replaces it.
        }
    }

    private boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (dialect.isRetryable(s)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        // Jittered backoff so that two transactions that just deadlocked do not collide again in lockstep.
        long millis = ThreadLocalRandom.current().nextLong(5, 20L << attempt);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreFailure("interrupted while waiting to retry a transaction", e);
        }
    }
}
