package dev.regent.store;

import dev.regent.core.store.RegistryStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A scratch database for one test class: opens stores on it, dumps it, and removes it on close. Use
 * {@link #sqlite()} or {@link #postgres()} (which skips the calling tests when PostgreSQL is not configured).
 */
public interface TestDatabase extends AutoCloseable {

    /** A fresh SQLite database in a temporary directory. */
    static TestDatabase sqlite() {
        return new SqliteTestDatabase();
    }

    /** A fresh schema in the PostgreSQL database named by REGENT_TEST_POSTGRES_URL; skips the tests when it is unset. */
    static TestDatabase postgres() {
        return PostgresTestDatabase.create();
    }

    /** Opens a new store on this database (migrating it on first use); the caller closes it. */
    RegistryStore openStore();

    /** The JDBC URL of this database, for opening stores or raw connections. */
    String jdbcUrl();

    /** A raw connection, outside any store, for looking at or tampering with the tables directly. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Every row of every table, in a deterministic order. */
    default DatabaseSnapshot snapshot() {
        return DatabaseSnapshot.of(this);
    }

    /** Removes the database. */
    @Override
    void close();
}
