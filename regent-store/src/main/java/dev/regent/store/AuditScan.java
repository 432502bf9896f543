package dev.regent.store;

import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.ScannedEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The whole audit log in one sequential pass, for full verification: three cursors in sequence order — audit_log
 * with its bytes and cached leaf (joined on the primary key), audit_fields, audit_evidence — merged by seq. Each is
 * one scan of its table in key order; no page queries, no per-page IN lists (what made verification ~12k entries/s).
 * On SQLite, whose driver crosses JNI for every column read, the text columns and an entry's fields come packed into
 * one length-prefixed BLOB each (SQLite builds it in C), so an entry costs about 8 driver calls instead of ~30.
 */
final class AuditScan {
    static final int FETCH = 10_000;

    private AuditScan() {
    }

    /**
     * SQLite: an entry's fields as one BLOB (one row and three driver calls per entry instead of four calls per field):
     * per field 'b' or 'a' (before, after), then name and value each as decimal UTF-8 byte length, ':', the bytes — a
     * length-prefixed form no value can break. PostgreSQL streams the rows themselves.
     */
    private static final String SQLITE_FIELDS = "SELECT seq, CAST(group_concat(CASE WHEN side = 'before' THEN 'b' ELSE 'a' END"
            + " || length(CAST(name AS BLOB)) || ':' || name || length(CAST(value AS BLOB)) || ':' || value, '') AS BLOB)"
            + " FROM audit_fields GROUP BY seq ORDER BY seq";

    /** SQLite: audit_log's six text columns as one BLOB of length-prefixed values, in the order of {@link #LOG}. */
    private static final String SQLITE_TEXT = "CAST(" + String.join(" || ", java.util.stream.Stream.of("actor", "action",
            "target", "model", "outcome", "reason").map(c -> "length(CAST(l." + c + " AS BLOB)) || ':' || l." + c).toList())
            + " AS BLOB)";
    private static final String LOG = " FROM audit_log l LEFT JOIN audit_entries e ON e.seq = l.seq"
            + " LEFT JOIN audit_leaves lf ON lf.seq = l.seq ORDER BY l.seq";

    static void run(Sql sql, Consumer<ScannedEntry> visitor) {
        boolean packed = sql.dialect() instanceof SqliteDialect;
        try (Sql.Cursor log = sql.cursor(packed ? "SELECT l.seq, l.at, e.entry, lf.hash, " + SQLITE_TEXT + LOG
                : "SELECT l.seq, l.at, e.entry, lf.hash, l.actor, l.action, l.target, l.model, l.outcome, l.reason" + LOG, FETCH);
             Sql.Cursor fields = sql.cursor(packed ? SQLITE_FIELDS
                     : "SELECT seq, side = 'before', name, value FROM audit_fields ORDER BY seq, side, name", FETCH);
             Sql.Cursor evidence = sql.cursor("SELECT seq, link FROM audit_evidence ORDER BY seq, position", FETCH)) {
            Merge f = new Merge(fields);
            Merge ev = new Merge(evidence);
            while (log.next()) {
                ResultSet r = log.row();
                long seq = r.getLong(1);
                long at = r.getLong(2);
                byte[] bytes = r.getBytes(3);
                byte[] leaf = r.getBytes(4);
                // what the driver hands over is read here (this thread owns the connection); the strings and maps are
                // built by whoever asks for the columns (the verifier's second thread), off the reading thread
                List<byte[]> packedFields = new ArrayList<>(1);
                TreeMap<String, String> before = packed ? null : new TreeMap<>();
                TreeMap<String, String> after = packed ? null : new TreeMap<>();
                f.skipBefore(seq);
                while (f.at(seq)) {
                    ResultSet fr = f.cursor.row();
                    if (packed) {
                        packedFields.add(fr.getBytes(2));
                    } else {
                        (fr.getBoolean(2) ? before : after).put(fr.getString(3), fr.getString(4));
                    }
                    f.advance();
                }
                List<String> links = new ArrayList<>(0);
                ev.skipBefore(seq);
                while (ev.at(seq)) {
                    links.add(ev.cursor.row().getString(2));
                    ev.advance();
                }
                if (packed) {
                    byte[] text = r.getBytes(5);
                    visitor.accept(new ScannedEntry(seq, bytes, leaf, () -> unpacked(seq, at, text, packedFields, links)));
                } else {
                    String[] text = new String[6];
                    for (int i = 0; i < text.length; i++) {
                        text[i] = r.getString(5 + i);
                    }
                    visitor.accept(new ScannedEntry(seq, bytes, leaf, new AuditColumns(seq, at, text[0], text[1], text[2],
                            text[3], text[4], text[5], before, after, links)));
                }
            }
        } catch (SQLException e) {
            throw Sql.failure(e);
        }
    }

    /** The columns from SQLite's packed text ({@link #SQLITE_TEXT}) and fields ({@link #SQLITE_FIELDS}). */
    private static AuditColumns unpacked(long seq, long at, byte[] packedText, List<byte[]> packedFields, List<String> links) {
        String[] text = new String[6];
        int[] cursor = {0};
        for (int i = 0; i < text.length; i++) {
            text[i] = scalar(packedText, cursor);
        }
        TreeMap<String, String> before = new TreeMap<>();
        TreeMap<String, String> after = new TreeMap<>();
        for (byte[] fields : packedFields) {
            unpack(fields, before, after);
        }
        return new AuditColumns(seq, at, text[0], text[1], text[2], text[3], text[4], text[5], before, after, links);
    }

    /** Reads the packed fields of {@link #SQLITE_FIELDS} into the two maps. */
    private static void unpack(byte[] packed, TreeMap<String, String> before, TreeMap<String, String> after) {
        int at = 0;
        while (packed != null && at < packed.length) {
            TreeMap<String, String> side = packed[at++] == 'b' ? before : after;
            int[] cursor = {at};
            String name = scalar(packed, cursor);
            String value = scalar(packed, cursor);
            side.put(name, value);
            at = cursor[0];
        }
    }

    private static String scalar(byte[] b, int[] cursor) {
        int at = cursor[0];
        int length = 0;
        while (b[at] != ':') {
            length = length * 10 + (b[at++] - '0');
        }
        at++;
        String s = new String(b, at, length, java.nio.charset.StandardCharsets.UTF_8);
        cursor[0] = at + length;
        return s;
    }

    /** A cursor ordered by seq, positioned on its current row (or exhausted). */
    private static final class Merge {
        final Sql.Cursor cursor;
        boolean live;
        long seq;

        Merge(Sql.Cursor cursor) throws SQLException {
            this.cursor = cursor;
            advance();
        }

        void advance() throws SQLException {
            live = cursor.next();
            seq = live ? cursor.row().getLong(1) : Long.MAX_VALUE;
        }

        /** Rows of entries the log no longer has are not this entry's; verification names the gap itself. */
        void skipBefore(long s) throws SQLException {
            while (live && seq < s) {
                advance();
            }
        }

        boolean at(long s) {
            return live && seq == s;
        }
    }
}
