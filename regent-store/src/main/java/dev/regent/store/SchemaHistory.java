package dev.regent.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Whether a database's schema is exactly this build's, read straight from Flyway's history table: then opening the
 * store skips Flyway (loading and configuring it is most of a server's start-up). Anything else — a new or empty
 * database, a missing, failed or unknown migration, a database written by a newer Regent — goes through Flyway,
 * which migrates or explains what is wrong.
 */
final class SchemaHistory {
    /**
     * Every migration of this build in order: the SQL files (V1..V11, V13 and V14, the same numbers for both databases)
     * and the Java migrations 4.1 ({@link AuditLeafBackfill}), 7.1 ({@link ModelNameKeyBackfill}), 8.1
     * ({@link AuditEntryBackfill}) and 9.1 ({@link WebhookSecretSealing}). A test checks this list against the migration
     * files. (12 was set aside for a change that did not need it.)
     */
    static final List<String> VERSIONS = List.of("1", "2", "3", "4", "4.1", "5", "6", "7", "7.1", "8", "8.1", "9", "9.1", "10", "11", "13", "14");

    private SchemaHistory() {
    }

    /**
     * The versions recorded in the database's history, oldest first (failed ones included); empty for a new database
     * (or one whose history cannot be read, which Flyway then explains).
     */
    static List<String> applied(DataSource source) {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
            return applied;
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** The applied versions this build does not know: a newer Regent wrote the database. */
    static List<String> unknown(List<String> applied) {
        return applied.stream().filter(v -> !VERSIONS.contains(v)).toList();
    }

    /** The newest version this build knows. */
    static String newest() {
        return VERSIONS.get(VERSIONS.size() - 1);
    }

    static boolean current(DataSource source) {
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank")) {
            List<String> applied = new ArrayList<>();
            while (rs.next()) {
                if (!rs.getBoolean(2)) {
                    return false;
                }
                applied.add(rs.getString(1));
            }
            return applied.equals(VERSIONS);
        } catch (SQLException e) {
            // no history table yet (a new database), or it cannot be read: let Flyway decide
            return false;
        }
    }
}
