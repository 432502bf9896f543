package dev.regent.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Every row of every application table as text, tables by name and rows sorted by all their columns, so that
 * {@code assertThat(db.snapshot()).isEqualTo(before)} proves "the database is exactly as it was". Flyway's
 * history table is left out; PostgreSQL sequences are too, since they never roll back.
 */
public record DatabaseSnapshot(String text) {

    /** Dumps the database of a test class. */
    public static DatabaseSnapshot of(TestDatabase database) {
        try (Connection c = database.connect()) {
            boolean sqlite = c.getMetaData().getURL().startsWith("jdbc:sqlite:");
            List<String> tables = new ArrayList<>();
            String listing = sqlite
                    ? "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                    : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                    + "AND table_type = 'BASE TABLE' ORDER BY table_name";
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(listing)) {
                while (rs.next()) {
                    if (!rs.getString(1).equals("flyway_schema_history")) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            StringBuilder out = new StringBuilder();
            for (String table : tables) {
                dump(c, table, out);
            }
            return new DatabaseSnapshot(out.toString());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot snapshot " + database + ": " + e.getMessage(), e);
        }
    }

    private static void dump(Connection c, String table, StringBuilder out) throws SQLException {
        List<String> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rs.getObject(i);
                    row.append(i == 1 ? "" : " | ").append(value == null ? "NULL" : quote(value));
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        out.append("== ").append(table).append(" (").append(String.join(", ", columns)).append(") ")
                .append(rows.size()).append(" rows\n");
        rows.forEach(r -> out.append("  ").append(r).append('\n'));
    }

    private static String quote(Object value) {
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\"", "\\\"") + '"';
        }
        if (value instanceof byte[] bytes) {
            // BLOB/BYTEA columns (hashes): by content, not by array identity
            return "x'" + java.util.HexFormat.of().formatHex(bytes) + "'";
        }
        return value.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
