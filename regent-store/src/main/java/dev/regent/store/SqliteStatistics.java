package dev.regent.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Keeps SQLite's query-planner statistics (sqlite_stat1) current, as SQLite advises for long-lived connections:
 * {@code PRAGMA optimize} when the store opens and again every {@link #EVERY_WRITES} write transactions, with
 * {@code analysis_limit} so each run samples rather than reads whole tables. Without statistics SQLite plans
 * searches on assumed table sizes and walks every live version for a tag filter or a timestamp order (see the search
 * benchmark in docs/benchmarks.md).
 */
final class SqliteStatistics {
    static final int EVERY_WRITES = 10_000;
    private static final String OPTIMIZE = "PRAGMA optimize=0x10002";

    private SqliteStatistics() {
    }

    /**
     * At open: analyzes every table that has no statistics or has changed a lot since. Failures are not fatal. The
     * schema must exist: a new database is migrated first.
     */
    static void refresh(DataSource source, java.nio.file.Path file) {
        if (file.toFile().length() == 0) {
            // no database yet (or the empty file made private before SQLite's first open): nothing to analyze
            return;
        }
        try (Connection c = source.getConnection()) {
            run(c);
        } catch (SQLException e) {
            // the statistics only guide the planner; a database that cannot take them still serves
            System.getLogger(SqliteStatistics.class.getName()).log(System.Logger.Level.WARNING,
                    "could not refresh SQLite's planner statistics: " + e.getMessage());
        }
    }

    static void run(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA analysis_limit=1000");
            s.execute(OPTIMIZE);
        }
    }
}
