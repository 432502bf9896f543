package dev.regent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * SQLite: transactions are begun by explicit statements on an auto-commit connection. sqlite-jdbc's own
 * transaction handling re-begins a transaction right after every commit, which with IMMEDIATE mode would take
 * the write lock again (and could wait out the busy timeout, then report a committed transaction as failed).
 * {@code BEGIN IMMEDIATE} makes writers queue for the lock up front, so they never deadlock on a lock upgrade.
 */
final class SqliteDialect implements Dialect {

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public void begin(Connection connection, boolean readOnly) throws SQLException {
        execute(connection, readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        execute(connection, "COMMIT");
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            // "no transaction is active": SQLite already rolled back (e.g. after SQLITE_FULL); nothing to undo.
            if (!isNoTransaction(e)) {
                throw e;
            }
        }
    }

    private static boolean isNoTransaction(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no transaction is active");
    }

    @Override
    public boolean keepsStatements() {
        return true;
    }

    @Override
    public String lockModelSql() {
        // BEGIN IMMEDIATE already holds the database's single write lock: reading the row is enough.
        return "SELECT id FROM models WHERE name = ? AND deleted_at IS NULL";
    }

    @Override
    public String versionTimeOrderHint(dev.regent.core.search.Sort.Key key) {
        return switch (key) {
            case CREATED_AT -> " INDEXED BY model_versions_live_created";
            case UPDATED_AT -> " INDEXED BY model_versions_live_updated";
            default -> "";
        };
    }

    @Override
    public String periodicMaintenanceSql() {
        return "PRAGMA optimize";
    }

    @Override
    public String announceChangeSql(boolean accessChanged) {
        // one process serves a SQLite file; other writers (a local-mode CLI) are bounded by the view's maximum age
        return null;
    }

    @Override
    public String lockAuditHeadSql() {
        // BEGIN IMMEDIATE already holds the database's single write lock: reading the row is enough.
        return "SELECT seq FROM audit_head WHERE id = 1";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        SQLiteErrorCode code = code(e);
        return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return code(e) == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }

    @Override
    public boolean isRetryable(SQLException e) {
        SQLiteErrorCode code = code(e);
        return code != null && (code == SQLiteErrorCode.SQLITE_BUSY || code.name().startsWith("SQLITE_BUSY_")
                || code == SQLiteErrorCode.SQLITE_LOCKED || code.name().startsWith("SQLITE_LOCKED_"));
    }


    private static SQLiteErrorCode code(SQLException e) {
        return e instanceof SQLiteException s ? s.getResultCode() : null;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * SQLite's LIKE ignores ASCII case, so a case-sensitive LIKE is a GLOB with the pattern translated; ILIKE is
     * SQLite's LIKE over lower-cased text (lower() folds ASCII only, like SQLite's LIKE itself).
     */
    @Override
    public String like(String column, boolean ignoreCase) {
        return ignoreCase ? "lower(" + column + ") LIKE ?" : column + " GLOB ?";
    }

    @Override
    public String likePattern(String pattern, boolean ignoreCase) {
        if (ignoreCase) {
            // ASCII only, as lower() does to the column: lower-casing 'П' here would make 'ПОИСК' miss itself
            StringBuilder lower = new StringBuilder(pattern.length());
            pattern.chars().forEach(c -> lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : (char) c));
            return lower.toString();
        }
        StringBuilder glob = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*', '?', '[' -> glob.append('[').append(c).append(']');
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }
}
