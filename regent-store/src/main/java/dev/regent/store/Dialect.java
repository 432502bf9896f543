package dev.regent.store;

import java.sql.Connection;
import java.sql.SQLException;

/** What differs between the databases the store runs on; everything else is shared, portable SQL. */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The database's name for people: "SQLite", "PostgreSQL". */
    String name();

    /** The classpath folder holding this dialect's Flyway migrations. */
    String migrationLocation();

    /**
     * Starts a transaction on a connection of the store's pools (or any connection in auto-commit mode); write
     * transactions take the write lock at once.
     */
    void begin(Connection connection, boolean readOnly) throws SQLException;

    /** Commits the transaction begun by {@link #begin}. */
    void commit(Connection connection) throws SQLException;

    /** Rolls back the transaction begun by {@link #begin}; the connection is reusable afterwards. */
    void rollback(Connection connection) throws SQLException;

    /**
     * Whether the store keeps each connection's prepared statements ({@link StatementCache}): SQLite's driver compiles
     * every statement again otherwise; PostgreSQL's keeps its own.
     */
    default boolean keepsStatements() {
        return false;
    }

    /** SQL that returns the live model's id and holds it against concurrent writers until the transaction ends. */
    String lockModelSql();

    /**
     * SQL that reads the audit counter and holds it against appenders and other checkpoint signers until the
     * transaction ends, so that a write transaction reading the log (to sign it) sees one log that cannot move under it.
     */
    String lockAuditHeadSql();

    /**
     * SQL run at the end of every write transaction to tell other nodes that something may have changed (delivered
     * only if the transaction commits), or null when the database has no such channel.
     */
    String announceChangeSql(boolean accessChanged);

    /**
     * Housekeeping the store runs on the writer connection every {@link SqliteStatistics#EVERY_WRITES} write
     * transactions, after the commit (e.g. SQLite's planner statistics), or null for none.
     */
    default String periodicMaintenanceSql() {
        return null;
    }

    /**
     * A condition matching {@code column} against one bound pattern parameter with MLflow's LIKE: '%' any run of
     * characters, '_' one character, everything else literal (no escape character); case-sensitive unless
     * {@code ignoreCase}. Pass the pattern through {@link #likePattern}.
     */
    String like(String column, boolean ignoreCase);

    /**
     * A hint naming the index that serves an unfiltered version listing ordered first by a timestamp ("" for none):
     * SQLite otherwise picks any of the equally costed partial indexes on live versions and sorts every version for
     * every page, where walking the timestamp's index stops after the page.
     */
    default String versionTimeOrderHint(dev.regent.core.search.Sort.Key key) {
        return "";
    }

    /** The parameter value for {@link #like}, from an MLflow LIKE pattern. */
    String likePattern(String pattern, boolean ignoreCase);

    /** Whether the database refused a statement because of a unique or primary-key index. */
    boolean isUniqueViolation(SQLException e);

    /** Whether the database refused a statement because a referenced row does not exist. */
    boolean isForeignKeyViolation(SQLException e);

    /** Whether the whole transaction may succeed if run again (serialization failure, deadlock, busy database). */
    boolean isRetryable(SQLException e);
}
