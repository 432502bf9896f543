package dev.regent.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The log line of every Regent process ({@code 2026-12-07T07:55:26.123Z INFO logger: message}, then the stack trace
 * of a throwable), exactly what {@link java.util.logging.SimpleFormatter} printed with the format
 * {@link #SIMPLE_FORMAT}, without {@link String#format}: a server writes one access line per request, and the general
 * formatter's parsing and date formatting cost more CPU than the request it records.
 */
public final class LogLineFormatter extends Formatter {
    /** The SimpleFormatter format this formatter reproduces (the time in the default zone, a literal Z, as before). */
    static final String SIMPLE_FORMAT = "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n";

    private final ZoneId zone = ZoneId.systemDefault();

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(128);
        time(line, record.getInstant());
        line.append("Z ").append(record.getLevel().getLocalizedName()).append(' ')
                .append(record.getLoggerName() == null ? "" : record.getLoggerName()).append(": ").append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            try (PrintWriter out = new PrintWriter(trace)) {
                out.println();
                record.getThrown().printStackTrace(out);
            }
            line.append(trace);
        }
        return line.append(System.lineSeparator()).toString();
    }

    private void time(StringBuilder line, Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, zone);
        line.append(t.getYear()).append('-');
        two(line, t.getMonthValue()).append('-');
        two(line, t.getDayOfMonth()).append('T');
        two(line, t.getHour()).append(':');
        two(line, t.getMinute()).append(':');
        two(line, t.getSecond()).append('.');
        int millis = t.getNano() / 1_000_000;
        line.append((char) ('0' + millis / 100)).append((char) ('0' + millis / 10 % 10)).append((char) ('0' + millis % 10));
    }

    private static StringBuilder two(StringBuilder line, int value) {
        return line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
}
