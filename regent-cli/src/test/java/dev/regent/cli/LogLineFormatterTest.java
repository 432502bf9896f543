package dev.regent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The log line is exactly the one java.util.logging's SimpleFormatter printed with Regent's format. */
class LogLineFormatterTest {
    private static String simple(LogRecord r) {
        String throwable = "";
        if (r.getThrown() != null) {
            java.io.StringWriter sw = new java.io.StringWriter();
            java.io.PrintWriter pw = new java.io.PrintWriter(sw);
            pw.println();
            r.getThrown().printStackTrace(pw);
            pw.close();
            throwable = sw.toString();
        }
        // SimpleFormatter.format, with the format Regent configured before
        return String.format(LogLineFormatter.SIMPLE_FORMAT, java.time.ZonedDateTime.ofInstant(r.getInstant(),
                java.time.ZoneId.systemDefault()), "", r.getLoggerName(), r.getLevel().getLocalizedName(),
                new java.util.logging.SimpleFormatter().formatMessage(r), throwable);
    }

    private static LogRecord record(Level level, String message, Instant at, Throwable thrown, Object... params) {
        LogRecord r = new LogRecord(level, message);
        r.setLoggerName("dev.regent.server.access");
        r.setInstant(at);
        r.setThrown(thrown);
        r.setParameters(params.length == 0 ? null : params);
        return r;
    }

    @Test
    void sameLineAsTheSimpleFormatterFormat() {
        LogLineFormatter formatter = new LogLineFormatter();
        for (Instant at : new Instant[] {Instant.parse("2026-12-07T07:55:26.123Z"), Instant.parse("2026-01-02T03:04:05.006Z"),
                Instant.parse("1999-12-31T23:59:59.999999Z"), Instant.parse("2030-06-15T12:00:00Z")}) {
            for (LogRecord r : new LogRecord[] {
                    record(Level.INFO, "GET /api/v1/models/{model} /api/v1/models/m 200 0ms admin", at, null),
                    record(Level.WARNING, "periodic maintenance ({0}) failed: {1}", at, null, "PRAGMA optimize", "busy"),
                    record(Level.SEVERE, "stopped", at, new IllegalStateException("boom"))}) {
                assertThat(formatter.format(r)).isEqualTo(simple(r));
            }
        }
    }
}
