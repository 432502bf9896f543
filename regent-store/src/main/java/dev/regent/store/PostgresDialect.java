package dev.regent.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL: JDBC-managed transactions. Writes run at READ COMMITTED and serialise through row locks (the
 * model row, the audit head); reads run at REPEATABLE READ, read-only, so they see one consistent snapshot. The
 * store's pools hand out connections already set that way and never in auto-commit (StoreFactory), so beginning
 * costs nothing (the driver sends BEGIN with the first statement); a connection in auto-commit mode (from any other
 * source) is set up here per transaction instead.
 */
final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public void begin(Connection connection, boolean readOnly) throws SQLException {
        if (!connection.getAutoCommit()) {
            // a connection of the store's pools: its characteristics are the ones this kind of transaction needs
            if (connection.isReadOnly() != readOnly) {
                throw new SQLException("a " + (readOnly ? "read" : "write") + " transaction was given a connection of the "
                        + (readOnly ? "writers'" : "readers'") + " pool");
            }
            return;
        }
        connection.setAutoCommit(false);
        connection.setReadOnly(readOnly);
        connection.setTransactionIsolation(readOnly ? Connection.TRANSACTION_REPEATABLE_READ
                : Connection.TRANSACTION_READ_COMMITTED);
    }

    @Override
    public void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    @Override
    public void rollback(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    @Override
    public String lockModelSql() {
        return "SELECT id FROM models WHERE name = ? AND deleted_at IS NULL FOR UPDATE";
    }

    @Override
    public String announceChangeSql(boolean accessChanged) {
        // NOTIFY is transactional: listeners (PostgresChangeListener on every node) hear it only after the commit;
        // the payload says whether who may do what changed, so a data write leaves the other nodes' sign-ins cached
        return "NOTIFY " + PostgresChangeListener.CHANNEL + ", '"
                + (accessChanged ? PostgresChangeListener.ACCESS : PostgresChangeListener.DATA) + "'";
    }

    @Override
    public String lockAuditHeadSql() {
        // at READ COMMITTED each later statement sees every commit made before this lock was granted, and no
        // appender (UPDATE audit_head) or other signer on any node can commit until this transaction ends
        return "SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }


    @Override
    public String like(String column, boolean ignoreCase) {
        // ESCAPE '' turns PostgreSQL's default backslash escape off: every character but % and _ is literal
        return column + (ignoreCase ? " ILIKE ?" : " LIKE ?") + " ESCAPE ''";
    }

    @Override
    public String likePattern(String pattern, boolean ignoreCase) {
        return pattern;
    }
}
