package dev.regent.store;

import dev.regent.core.store.StoreFailure;
import dev.regent.core.store.TransactionWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Group commit for a database with one writer connection (SQLite): write transactions that arrive while another is
 * running share its transaction and its one durable commit (one fsync) instead of each paying for its own.
 *
 * <p>Each writer runs its work on its own thread, in turn (the connection is used by one thread at a time), under a
 * savepoint of the shared transaction: work that throws is rolled back to its savepoint and its exception thrown at
 * once, leaving the others' work in place. The writer that finds nobody waiting behind it (or the batch full) commits
 * for everyone; until then nobody is answered, so nothing is acknowledged before it is durable, and a failed commit
 * fails every writer in the batch, exactly as a failed commit of its own would. Readers never see a batch before it
 * commits (WAL snapshots). Under no contention this is one transaction per write, as before.
 */
final class GroupCommit {
    /** At most this many writes share one commit, so a steady stream of writers cannot hold an answer back for long. */
    static final int MAX_BATCH = 32;
    private static final String SAVEPOINT = "regent_group_member";

    /** One shared transaction and the answer every member waits for. */
    private static final class Batch {
        final Connection connection;
        final CompletableFuture<Void> committed = new CompletableFuture<>();
        int members;
        boolean accessChanged;

        Batch(Connection connection) {
            this.connection = connection;
        }
    }

    /** What the store does around a commit: the dialect's statements and its housekeeping. */
    interface Committer {
        /** Commits; {@code accessChanged} says whether a member wrote tokens, principals or grants. */
        void commit(Connection connection, boolean accessChanged) throws SQLException;

        /** The calling member's write changed access data (it is told on the member's own thread). */
        void accessChanged();

        /** The store's write transaction over these statements. */
        JdbcStoreTransaction transaction(Sql sql);

        /** Rolls the whole transaction back; whether the connection is fit to be used again. */
        boolean rollback(Connection connection);

        void release(Connection connection, boolean healthy);
    }

    private final Dialect dialect;
    private final DataSource writers;
    private final Committer committer;
    // fair: writers join batches in the order they arrive
    private final ReentrantLock turn = new ReentrantLock(true);
    private Batch open;

    GroupCommit(Dialect dialect, DataSource writers, Committer committer) {
        this.dialect = dialect;
        this.writers = writers;
        this.committer = committer;
    }

    /** Runs the work in the shared transaction and returns once the transaction holding it has committed. */
    <T> T run(TransactionWork<T> work) {
        Batch batch;
        T result;
        turn.lock();
        try {
            batch = joinOrBegin();
            result = runMember(batch, work);
        } finally {
            try {
                commitUnlessOthersWait();
            } finally {
                turn.unlock();
            }
        }
        awaitCommit(batch);
        return result;
    }

    private Batch joinOrBegin() {
        if (open != null) {
            return open;
        }
        Connection connection;
        try {
            connection = writers.getConnection();
        } catch (SQLException e) {
            throw new StoreFailure("cannot get the writer connection: " + e.getMessage(), e);
        }
        try {
            dialect.begin(connection, false);
        } catch (SQLException e) {
            committer.release(connection, false);
            throw Sql.failure(e);
        }
        open = new Batch(connection);
        return open;
    }

    private <T> T runMember(Batch batch, TransactionWork<T> work) {
        execute(batch, "SAVEPOINT " + SAVEPOINT);
        T result;
        Sql sql = new Sql(batch.connection, dialect);
        try {
            result = work.run(committer.transaction(sql));
            sql.requireUsable(); // work that swallowed a refused write must not commit the rest
        } catch (RuntimeException | Error e) {
            if (sql.changedAccess()) {
                committer.accessChanged(); // undone, but caches read meanwhile must not outlive it
            }
            undoMember(batch, e);
            throw e;
        }
        if (sql.changedAccess()) {
            batch.accessChanged = true;
            committer.accessChanged();
        }
        execute(batch, "RELEASE " + SAVEPOINT);
        batch.members++;
        return result;
    }

    /** This member's work failed: undo just it; if even that fails the shared transaction is lost for everyone. */
    private void undoMember(Batch batch, Throwable cause) {
        try (Statement s = batch.connection.createStatement()) {
            s.execute("ROLLBACK TO " + SAVEPOINT);
            s.execute("RELEASE " + SAVEPOINT);
        } catch (SQLException e) {
            cause.addSuppressed(e);
            abandon(batch, new StoreFailure("a write in the same commit group failed and could not be undone on its own; "
                    + "nothing in the group was written: " + Sql.detail(e), e));
        }
    }

    private void execute(Batch batch, String sql) {
        try (Statement s = batch.connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            StoreFailure failure = Sql.failure(e);
            abandon(batch, failure);
            throw failure;
        }
    }

    /** Commits the open batch unless another writer is waiting to join it and it has room; called holding the turn. */
    private void commitUnlessOthersWait() {
        Batch batch = open;
        if (batch == null) {
            return;
        }
        if (batch.members == 0 && !turn.hasQueuedThreads()) {
            // nobody's work is in it (the only member failed and was undone): end it without a durable commit
            abandon(batch, null);
            return;
        }
        if (turn.hasQueuedThreads() && batch.members < MAX_BATCH) {
            return;
        }
        open = null;
        try {
            committer.commit(batch.connection, batch.accessChanged);
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException sql ? Sql.failure(sql) : (RuntimeException) e;
            committer.release(batch.connection, committer.rollback(batch.connection));
            batch.committed.completeExceptionally(failure);
            return;
        }
        committer.release(batch.connection, true);
        batch.committed.complete(null);
    }

    /** Ends the open batch without committing: every member fails with {@code failure} (none when it had no member). */
    private void abandon(Batch batch, RuntimeException failure) {
        if (open == batch) {
            open = null;
        }
        committer.release(batch.connection, committer.rollback(batch.connection));
        if (failure == null) {
            batch.committed.complete(null);
        } else {
            batch.committed.completeExceptionally(failure);
        }
    }

    private static void awaitCommit(Batch batch) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    batch.committed.get();
                    return;
                } catch (InterruptedException e) {
                    // the outcome is decided by the commit, not by this thread: wait for it, then restore the flag
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new StoreFailure("the group commit failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
