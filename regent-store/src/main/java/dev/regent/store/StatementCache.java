package dev.regent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept open on one SQLite connection, by SQL text, for the connection's life.
 *
 * <p>Why: sqlite-jdbc compiles a statement on every {@code prepareStatement} and the pool (HikariCP) keeps none, so
 * every read and write compiled each of its statements again: about a quarter of a registration's server CPU was
 * SQLite's parser (async-profiler, 8 writers). PostgreSQL needs no such cache: its driver keeps its own, by SQL text,
 * per connection.
 *
 * <p>A statement is taken out while in use and given back when done, so two uses of the same SQL at once (a cursor
 * open while the same query runs again) each get their own. Statements are prepared on the driver's own connection,
 * not the pool's proxy, because the proxy closes every statement made through it when the connection goes back to
 * the pool; when the pool retires the connection, closing it finalizes its statements. A connection is used by one
 * thread at a time (the pool's and the group commit's rule), so a cache needs no lock; only finding a connection's
 * cache does. The caches of connections the pool has closed are dropped when a new connection first asks for one (a
 * weak map would not do: each cache's statements refer to their connection).
 */
final class StatementCache {
    /** Statements kept per connection; the least recently used beyond it are closed. Regent has about 150 distinct SQL texts. */
    static final int CAPACITY = 256;

    private static final Map<Connection, StatementCache> BY_CONNECTION = new IdentityHashMap<>();

    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>(64, 0.75f, true);

    private StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The cache of the driver connection behind {@code pooled} (a pool's proxy, or the driver's connection itself). */
    static StatementCache of(Connection pooled) {
        Connection driver;
        try {
            driver = pooled.isWrapperFor(org.sqlite.SQLiteConnection.class) ? pooled.unwrap(org.sqlite.SQLiteConnection.class)
                    : pooled;
        } catch (SQLException e) {
            driver = pooled;
        }
        synchronized (BY_CONNECTION) {
            StatementCache cache = BY_CONNECTION.get(driver);
            if (cache == null) {
                BY_CONNECTION.keySet().removeIf(StatementCache::closed);
                cache = new StatementCache(driver);
                BY_CONNECTION.put(driver, cache);
            }
            return cache;
        }
    }

    private static boolean closed(Connection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    /** Connections with a cache now (tests). */
    static int connections() {
        synchronized (BY_CONNECTION) {
            return BY_CONNECTION.size();
        }
    }

    /** A statement for {@code sql} that only the caller uses until it gives it back or discards it. */
    PreparedStatement take(String sql) throws SQLException {
        PreparedStatement kept = idle.remove(sql);
        if (kept != null && !kept.isClosed()) {
            return kept;
        }
        return connection.prepareStatement(sql);
    }

    /**
     * A statement used without error, its result set closed (which resets it): kept for the next use of its SQL. Its
     * parameters are cleared so no value outlives the use that bound it.
     */
    void giveBack(String sql, PreparedStatement statement) {
        try {
            if (statement.isClosed()) {
                return;
            }
            statement.clearParameters();
        } catch (SQLException e) {
            discard(statement);
            return;
        }
        PreparedStatement twin = idle.put(sql, statement);
        if (twin != null && twin != statement) {
            discard(twin);
        }
        if (idle.size() > CAPACITY) {
            Iterator<PreparedStatement> eldest = idle.values().iterator();
            PreparedStatement evicted = eldest.next();
            eldest.remove();
            discard(evicted);
        }
    }

    /** A statement whose use failed: closed rather than kept, whatever state the failure left it in. */
    static void discard(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // already unusable; closing the connection finalizes it in any case
        }
    }

    /** Statements kept now (tests). */
    int size() {
        return idle.size();
    }
}
