package dev.regent.store;

import dev.regent.core.store.StoreConflict;
import dev.regent.core.store.StorageFull;
import dev.regent.core.store.StoreFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Prepared-statement helpers bound to one transaction's connection. Every SQLException leaves here as a
 * {@link StoreConflict} (for the statements that say what a conflict means) or a {@link StoreFailure}; no SQL
 * text reaches the message a person sees.
 */
final class Sql {
    private final Connection connection;
    private final Dialect dialect;
    /** The connection's kept statements (SQLite); null where the driver keeps its own (PostgreSQL). */
    private final StatementCache statements;
    /** Why this transaction ended early: a refused write (see {@link #guardedUpdate}); null while it is usable. */
    private String endedBy;
    /** Whether this transaction wrote who may do what: tokens, principals, grants. */
    private boolean accessChanged;
    /** Statements run that may have written (anything but a SELECT). */
    private int writeStatements;
    /** Whether the transaction is known to have written nothing (see {@link #wroteNothing}). */
    private boolean quiet;

    Sql(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
        this.statements = dialect.keepsStatements() ? StatementCache.of(connection) : null;
    }

    Dialect dialect() {
        return dialect;
    }

    /** Whether a write of this transaction touched tokens, principals or grants (see RegistryStore#accessGeneration). */
    boolean changedAccess() {
        return accessChanged;
    }

    /**
     * Declares that this write transaction's one statement changed no row, if no other statement that may write ran in
     * it: it commits without announcing a change (on PostgreSQL, no NOTIFY that would wake every node) and without
     * moving the store's generation. For a claim that found nothing, which must not wake the claimers it would then
     * wake in turn.
     */
    void wroteNothing() {
        quiet = writeStatements <= 1;
    }

    /** See {@link #wroteNothing}. */
    boolean quiet() {
        return quiet;
    }

    private void mayWrite(String sql) {
        writeStatements++;
        quiet = false;
    }

    /**
     * Refuses to go on in a transaction a refused write has ended. PostgreSQL aborts the transaction at the failed
     * statement; SQLite would go on. Both refuse the same way here, so code that catches a conflict inside a
     * transaction fails in every test, not only on PostgreSQL.
     */
    void requireUsable() {
        if (endedBy != null) {
            throw new IllegalStateException("this transaction ended at " + endedBy + ": nothing in it will commit; catch "
                    + "the conflict outside the transaction and read again in a new one");
        }
    }

    /** A NULL argument of a given {@link Types} type, for columns (BOOLEAN on PostgreSQL) that refuse a VARCHAR NULL. */
    record Null(int sqlType) {
    }

    /** A nullable boolean argument: the value, or a typed NULL. */
    static Object bool(Boolean value) {
        return value == null ? new Null(Types.BOOLEAN) : value;
    }

    /** Reads one row into a value. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Runs an INSERT/UPDATE/DELETE and returns the number of rows it changed. */
    int update(String sql, Object... args) {
        mayWrite(sql);
        try (Prepared p = prepare(sql, args)) {
            return p.done(p.statement.executeUpdate());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Runs a write that the database may refuse for a unique or foreign key; the refusal becomes a
     * {@link StoreConflict} with the given message. The refusal ends the transaction (PostgreSQL aborts it at the
     * failed statement): a caller that wants to go on catches it outside the transaction and reads again in a new one.
     */
    int guardedUpdate(Supplier<String> conflictMessage, String sql, Object... args) {
        return guardedUpdate(conflictMessage, () -> new StoreConflict(conflictMessage.get()), sql, args);
    }

    /**
     * Like {@link #guardedUpdate(Supplier, String, Object...)}, but a foreign-key refusal (a referenced row is
     * missing) throws the given exception instead, e.g. a NOT_FOUND naming the missing row; the SQL exception
     * becomes its cause when it has none.
     */
    int guardedUpdate(Supplier<String> conflictMessage, Supplier<? extends RuntimeException> missingReference,
                      String sql, Object... args) {
        mayWrite(sql);
        try {
            try (Prepared p = prepare(sql, args)) {
                return p.done(p.statement.executeUpdate());
            }
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)) {
                endedBy = "a write refused as a conflict";
                throw new StoreConflict(conflictMessage.get(), e);
            }
            if (dialect.isForeignKeyViolation(e)) {
                endedBy = "a write refused for a missing reference";
                RuntimeException missing = missingReference.get();
                if (missing.getCause() == null) {
                    missing.initCause(e);
                }
                throw missing;
            }
            throw failure(e);
        }
    }

    /** Runs one statement for each row of arguments in a single batch. */
    void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batchCounts(sql, rows);
    }

    /** As {@link #batch}, returning each row's update count (the driver's, in the rows' order). */
    int[] batchCounts(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        requireUsable();
        mayWrite(sql);
        accessChanged |= AccessTables.written(sql);
        try (Prepared p = prepare(sql, new Object[0])) {
            for (Object[] row : rows) {
                bind(p.statement, row);
                p.statement.addBatch();
            }
            return p.done(p.statement.executeBatch());
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** All rows of a query, mapped in order. */
    <T> List<T> list(String sql, RowMapper<T> mapper, Object... args) {
        if (!sql.stripLeading().regionMatches(true, 0, "SELECT", 0, 6)) {
            mayWrite(sql); // e.g. UPDATE ... RETURNING
        }
        try (Prepared p = prepare(sql, args)) {
            List<T> out = new ArrayList<>();
            try (ResultSet rs = p.statement.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return p.done(out);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * An open query read row by row, with the given fetch size (PostgreSQL then streams instead of loading every row;
     * the connection is in a transaction). The caller closes it.
     */
    Cursor cursor(String sql, int fetchSize, Object... args) {
        try {
            Prepared p = prepare(sql, args);
            try {
                p.statement.setFetchSize(fetchSize);
                return new Cursor(p, p.statement.executeQuery());
            } catch (SQLException | RuntimeException e) {
                p.close();
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** See {@link #cursor}. */
    static final class Cursor implements AutoCloseable {
        private final Prepared statement;
        private final ResultSet rows;
        private boolean more = true;

        private Cursor(Prepared statement, ResultSet rows) {
            this.statement = statement;
            this.rows = rows;
        }

        /** Moves to the next row; false (and stays false) after the last. */
        boolean next() {
            try {
                more = more && rows.next();
                return more;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        ResultSet row() {
            return rows;
        }

        @Override
        public void close() {
            try (statement; rows) {
                statement.done(null); // the result set closes first, which resets the statement for its next use
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }

    /** The first row of a query, if any. */
    <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... args) {
        try (Prepared p = prepare(sql, args)) {
            Optional<T> row;
            try (ResultSet rs = p.statement.executeQuery()) {
                row = rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
            return p.done(row);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Prepared prepare(String sql, Object[] args) throws SQLException {
        requireUsable();
        accessChanged |= AccessTables.written(sql);
        Prepared p = new Prepared(sql, statements == null ? connection.prepareStatement(sql) : statements.take(sql), statements);
        try {
            bind(p.statement, args);
            return p;
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
    }

    /**
     * A statement in use: closed when done, or given back to the connection's {@link StatementCache} when there is
     * one and the use ended without error ({@link #done}); a use that failed closes it, whatever state it is in.
     */
    private static final class Prepared implements AutoCloseable {
        final PreparedStatement statement;
        private final String sql;
        private final StatementCache cache;
        private boolean succeeded;

        Prepared(String sql, PreparedStatement statement, StatementCache cache) {
            this.sql = sql;
            this.statement = statement;
            this.cache = cache;
        }

        /** Marks the use successful (its result sets closed); returns the value for the caller's convenience. */
        <T> T done(T value) {
            succeeded = true;
            return value;
        }

        @Override
        public void close() throws SQLException {
            if (cache == null) {
                statement.close();
            } else if (succeeded) {
                cache.giveBack(sql, statement);
            } else {
                StatementCache.discard(statement);
            }
        }
    }

    private static void bind(PreparedStatement s, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            int index = i + 1;
            if (arg == null) {
                s.setNull(index, Types.VARCHAR);
            } else if (arg instanceof String v) {
                s.setString(index, v);
            } else if (arg instanceof Long v) {
                s.setLong(index, v);
            } else if (arg instanceof Integer v) {
                s.setInt(index, v);
            } else if (arg instanceof Double v) {
                s.setDouble(index, v);
            } else if (arg instanceof Boolean v) {
                s.setBoolean(index, v);
            } else if (arg instanceof byte[] v) {
                s.setBytes(index, v);
            } else if (arg instanceof Null n) {
                s.setNull(index, n.sqlType());
            } else {
                throw new IllegalArgumentException("unsupported SQL argument type " + arg.getClass().getName());
            }
        }
    }

    /** Wraps an unexpected database error; the SQL exception stays attached as the cause for the logs. */
    static StoreFailure failure(SQLException e) {
        if (isStorageFull(e)) {
            return new StorageFull("the database has no space left (" + describe(e) + "): nothing was written; free space "
                    + "on the disk that holds it (or raise its quota), then retry", e);
        }
        return new StoreFailure("the database failed: " + describe(e), e);
    }

    /** Anywhere in the causes: SQLite's SQLITE_FULL (13) or a WAL index that could not grow, PostgreSQL's disk_full (53100) or any other class-53 "insufficient resources" state. */
    static boolean isStorageFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            // SQLITE_IOERR_SHMSIZE: the WAL index (-shm) could not grow, which on a full disk is how opening fails
            if (t instanceof SQLException s && (s.getErrorCode() == 13 && message.contains("SQLITE_FULL")
                    || message.contains("SQLITE_IOERR_SHMSIZE") || "53100".equals(s.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The driver's own words for the SQL failure under {@code e}, or its message when there is none. */
    static String detail(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return describe(s);
            }
        }
        return String.valueOf(e.getMessage());
    }

    private static String describe(SQLException e) {
        // The driver's first line says what went wrong (disk full, connection refused) without echoing SQL.
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        String state = e.getSQLState();
        return message + (state == null ? "" : " (SQLSTATE " + state + ")");
    }
}
