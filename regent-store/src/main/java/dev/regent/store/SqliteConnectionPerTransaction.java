package dev.regent.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The SQLite connections of a store that lives for one command (a local-mode {@code regent} command): each
 * transaction opens its own, with the store's settings (WAL, full sync, foreign keys, the busy timeout, and for
 * readers {@code query_only}), and closing it closes it. A pool (HikariCP) is for a process that runs many
 * transactions: for a command that runs three or four, making its two pools (their threads, their first connections,
 * the proxy class each pool makes for a closed connection) was more than a tenth of the command's time (issue 18).
 * Writers from other processes still wait on SQLite's busy timeout exactly as before.
 */
final class SqliteConnectionPerTransaction implements DataSource {
    private final SQLiteDataSource source;
    private final String initSql;

    /** Connections of {@code source}, each running {@code initSql} (null: none) once opened, as the pools did. */
    SqliteConnectionPerTransaction(SQLiteDataSource source, String initSql) {
        this.source = source;
        this.initSql = initSql;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = source.getConnection();
        if (initSql != null) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(initSql);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("SQLite connections take no user name or password");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return source.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        source.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        source.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return source.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(source)) {
            return type.cast(source);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(source);
    }
}
