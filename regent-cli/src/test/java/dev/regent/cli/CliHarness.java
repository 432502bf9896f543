package dev.regent.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the real `regent` command in-process against a data directory, capturing output and exit code. */
final class CliHarness {
    final Path workingDir;
    final Path dataDir;
    final Map<String, String> env = new HashMap<>();
    String terminalInput;

    static {
        Main.quietLibraryLogging(null);
    }

    CliHarness(Path workingDir) {
        this.workingDir = workingDir;
        this.dataDir = workingDir.resolve("regent-data");
        // never pick up a login saved on the machine running the tests
        env.put("REGENT_CONFIG", workingDir.resolve(".no-login/config.yaml").toString());
    }

    /** A harness whose registry has no promotion gates, for tests of the lifecycle rules alone. */
    static CliHarness withoutGates(Path workingDir) {
        CliHarness cli = new CliHarness(workingDir);
        try {
            java.nio.file.Files.writeString(workingDir.resolve("no-gates.yaml"), "version: 1\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        cli.env.put("REGENT_POLICY", "no-gates.yaml");
        return cli;
    }

    record Result(int exit, String out, String err) {
        /** The text between "## Name" and the next heading. */
        String section(String name) {
            int start = out.indexOf("## " + name + "\n");
            if (start < 0) {
                throw new AssertionError("no section " + name + " in:\n" + out);
            }
            int from = start + name.length() + 4;
            int end = out.indexOf("\n## ", from);
            return out.substring(from, end < 0 ? out.length() : end).strip();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BufferedReader terminal = terminalInput == null ? null : new BufferedReader(new StringReader(terminalInput));
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), env,
                Clock.systemUTC(), workingDir, "tester", terminal);
        int code = RegentCommand.commandLine(environment, args).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Every row of every table of the embedded database, for "nothing was written" assertions. */
    String snapshot() {
        Path db = dataDir.resolve("regent.db");
        if (!db.toFile().exists()) {
            return "(no database)";
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            List<String> tables = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            StringBuilder text = new StringBuilder();
            for (String table : tables) {
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder();
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            // binary columns (hashes) as hex, so a row is always one line
                            row.append(value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value))
                                    .append('|');
                        }
                        rows.add(row.toString());
                    }
                }
                rows.sort(null);
                text.append(table).append(":\n");
                rows.forEach(r -> text.append("  ").append(r).append('\n'));
            }
            return text.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
