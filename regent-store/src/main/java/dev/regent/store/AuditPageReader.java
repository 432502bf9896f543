package dev.regent.store;

import dev.regent.core.audit.AuditDecoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditIncident;
import dev.regent.core.audit.AuditLink;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads pages of the audit log from the entries' bytes, never from their derived columns, and proves each page
 * complete, so that editing a column can never make an entry silently disappear from a read:
 * <ul>
 *   <li>without a model filter it reads the log in sequence order and checks the numbers run without a gap up to the
 *       counter; actor and action filters are applied to what the bytes say;</li>
 *   <li>with a model filter it uses the model column only to find candidates, then follows the model's hash chain
 *       (each entry's bytes name the previous entry of its model and its leaf hash) from the model's newest entry or
 *       from the entry just above the page: a candidate the chain does not name, or a named entry that is not among
 *       the candidates, is an {@link AuditIncident}.</li>
 * </ul>
 * Entries appended before the chain existed (encoding version 1, below audit_head.chained_from) carry no link; a
 * model read reaching them reads that part of the log in full, by bytes.
 */
final class AuditPageReader {
    private static final int WINDOW = 500;

    private final Sql sql;

    AuditPageReader(Sql sql) {
        this.sql = sql;
    }

    List<AuditEntry> entries(AuditQuery q) {
        long head = sql.first("SELECT seq FROM audit_head WHERE id = 1", rs -> rs.getLong(1)).orElse(0L);
        long chainedFrom = sql.first("SELECT chained_from FROM audit_head WHERE id = 1", rs -> rs.getLong(1)).orElse(1L);
        long lo = q.afterSeq();
        long hi = Math.min(q.beforeSeq(), head + 1); // exclusive
        if (lo + 1 >= hi) {
            return List.of();
        }
        if (q.model() == null) {
            return scan(q, lo, hi, q.limit());
        }
        List<AuditEntry> out = new ArrayList<>();
        long split = Math.max(lo, Math.min(hi - 1, chainedFrom - 1)); // (lo, split] is unlinked, (split, hi) linked
        if (q.newestFirst()) {
            out.addAll(chainDown(q, split, hi, q.limit()));
            if (out.size() < q.limit() && split > lo) {
                out.addAll(scan(q, lo, split + 1, q.limit() - out.size()));
            }
        } else {
            if (split > lo) {
                out.addAll(scan(q, lo, split + 1, q.limit()));
            }
            if (out.size() < q.limit()) {
                out.addAll(chainUp(q, split, hi, q.limit() - out.size()));
            }
        }
        return out;
    }

    /** The entries in (lo, hi) matching the query, read in full in sequence order, checked to run without a gap. */
    private List<AuditEntry> scan(AuditQuery q, long lo, long hi, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        boolean filtered = q.model() != null || q.actor() != null || q.action() != null;
        int window = filtered ? WINDOW : limit;
        long expected = q.newestFirst() ? hi - 1 : lo + 1;
        while (q.newestFirst() ? expected > lo : expected < hi) {
            List<Row> rows = q.newestFirst()
                    ? rows("l.seq > ? AND l.seq <= ? ORDER BY l.seq DESC LIMIT ?", lo, expected, window)
                    : rows("l.seq >= ? AND l.seq < ? ORDER BY l.seq LIMIT ?", expected, hi, window);
            if (rows.isEmpty()) {
                throw new AuditIncident("entry " + expected + " is missing from the log (the counter is at " + (hi - 1) + " or beyond)");
            }
            for (Row row : rows) {
                if (row.seq != expected) {
                    throw new AuditIncident("entry " + expected + " is missing from the log");
                }
                AuditRecord r = decode(row);
                if (matches(q, r)) {
                    out.add(r.entry());
                    if (out.size() == limit) {
                        return out;
                    }
                }
                expected += q.newestFirst() ? -1 : 1;
            }
        }
        return out;
    }

    /**
     * The model's entries in (lo, hi), all linked (lo ≥ chained_from - 1), matching the query, newest first: follows
     * the chain down from the link that names the newest entry below hi, reading the candidates by the model column a
     * window at a time and requiring them to be exactly the entries the chain names.
     */
    private List<AuditEntry> chainDown(AuditQuery q, long lo, long hi, int limit) {
        String model = q.model().value();
        Optional<AuditLink> expected = newestBelow(model, hi);
        List<AuditEntry> found = new ArrayList<>();
        long cursor = hi;
        while (expected.isPresent() && expected.get().seq() > lo) {
            List<Row> rows = rows("l.model = ? AND l.seq > ? AND l.seq < ? ORDER BY l.seq DESC LIMIT ?", model, lo, cursor, WINDOW);
            if (rows.isEmpty()) {
                throw hidden(model, expected.get().seq());
            }
            for (Row row : rows) {
                AuditLink want = expected.get();
                if (row.seq > want.seq()) {
                    throw unlinked(model, row.seq);
                }
                if (row.seq < want.seq()) {
                    throw hidden(model, want.seq());
                }
                AuditRecord r = linked(decode(row), model);
                if (!r.leaf().equals(want.leaf())) {
                    throw edited(model, row.seq);
                }
                if (matches(q, r) && found.add(r.entry()) && found.size() == limit) {
                    return found;
                }
                expected = r.previous();
                cursor = row.seq;
                if (expected.isEmpty() || expected.get().seq() <= lo) {
                    break;
                }
            }
        }
        return found;
    }

    /**
     * The model's entries in (lo, hi), all linked, matching the query, oldest first: reads the candidates upwards by the
     * model column and requires each to name the one before (the first to name nothing after lo); on reaching hi,
     * requires the newest entry below hi to be the last one read.
     */
    private List<AuditEntry> chainUp(AuditQuery q, long lo, long hi, int limit) {
        String model = q.model().value();
        List<AuditEntry> found = new ArrayList<>();
        AuditRecord last = null;
        long cursor = lo;
        while (true) {
            List<Row> rows = rows("l.model = ? AND l.seq > ? AND l.seq < ? ORDER BY l.seq LIMIT ?", model, cursor, hi, WINDOW);
            for (Row row : rows) {
                AuditRecord r = linked(decode(row), model);
                Optional<AuditLink> link = r.previous();
                if (last == null) {
                    if (link.isPresent() && link.get().seq() > lo) {
                        throw hidden(model, link.get().seq());
                    }
                } else if (link.isEmpty() || link.get().seq() < last.seq()) {
                    throw unlinked(model, last.seq());
                } else if (link.get().seq() > last.seq()) {
                    throw hidden(model, link.get().seq());
                } else if (!link.get().leaf().equals(last.leaf())) {
                    throw edited(model, last.seq());
                }
                last = r;
                if (matches(q, r) && found.add(r.entry()) && found.size() == limit) {
                    return found;
                }
            }
            if (rows.size() < WINDOW) {
                break;
            }
            cursor = rows.get(rows.size() - 1).seq;
        }
        Optional<AuditLink> top = newestBelow(model, hi);
        if (last == null) {
            if (top.isPresent() && top.get().seq() > lo) {
                throw hidden(model, top.get().seq());
            }
        } else if (top.isEmpty() || top.get().seq() < last.seq()) {
            throw unlinked(model, last.seq());
        } else if (top.get().seq() > last.seq()) {
            throw hidden(model, top.get().seq());
        } else if (!top.get().leaf().equals(last.leaf())) {
            throw edited(model, last.seq());
        }
        return found;
    }

    private static AuditRecord linked(AuditRecord r, String model) {
        if (!r.model().equals(model)) {
            throw new AuditIncident("entry " + r.seq() + " is filed under model " + model + " but its bytes say model '"
                    + r.model() + "'");
        }
        if (r.version() == 1) {
            throw new AuditIncident("entry " + r.seq() + " has no hash-chain link but sits after the chain began");
        }
        return r;
    }

    /**
     * The link to the model's newest entry below hi: the model's head when it is below hi, else the link in the bytes of
     * the model's first entry at or above hi. Empty when the model has no entry below hi.
     */
    private Optional<AuditLink> newestBelow(String model, long hi) {
        Optional<Long> head = sql.first("SELECT seq FROM audit_model_heads WHERE model = ?", rs -> rs.getLong(1), model);
        if (head.isEmpty()) {
            if (!rows("l.model = ? AND l.seq < ? ORDER BY l.seq DESC LIMIT ?", model, hi, 1).isEmpty()) {
                throw new AuditIncident("model " + model + " has entries but no recorded newest entry");
            }
            return Optional.empty();
        }
        if (head.get() < hi) {
            Row row = rows("l.seq = ? ORDER BY l.seq LIMIT ?", head.get(), 1).stream().findFirst()
                    .orElseThrow(() -> new AuditIncident("entry " + head.get() + ", model " + model + "'s newest, is missing"));
            AuditRecord newest = decode(row);
            if (!newest.model().equals(model)) {
                throw new AuditIncident("the newest entry recorded for model " + model + " is " + row.seq
                        + ", whose bytes say model '" + newest.model() + "'");
            }
            return Optional.of(newest.link());
        }
        List<Row> above = rows("l.model = ? AND l.seq >= ? ORDER BY l.seq LIMIT ?", model, hi, 1);
        if (above.isEmpty() || above.get(0).seq > head.get()) {
            throw hidden(model, head.get());
        }
        AuditRecord successor = decode(above.get(0));
        if (!successor.model().equals(model)) {
            throw new AuditIncident("entry " + successor.seq() + " is filed under model " + model + " but its bytes say model '"
                    + successor.model() + "'");
        }
        return successor.previous();
    }

    private static AuditIncident unlinked(String model, long seq) {
        return new AuditIncident("entry " + seq + " is filed under model " + model
                + " but the model's hash chain does not name it where it stands");
    }

    private static AuditIncident edited(String model, long seq) {
        return new AuditIncident("entry " + seq + " of model " + model
                + " is not the entry the next one in its hash chain names: edited afterwards");
    }

    private static AuditIncident hidden(String model, long seq) {
        return new AuditIncident("entry " + seq + " belongs to model " + model
                + " by its hash chain but is not filed under it (an edited model column, or a removed entry)");
    }

    private static boolean matches(AuditQuery q, AuditRecord r) {
        return (q.model() == null || q.model().value().equals(r.model()))
                && (q.actor() == null || q.actor().equals(r.entry().actor()))
                && (q.action() == null || q.action() == r.entry().action());
    }

    private static AuditRecord decode(Row row) {
        if (row.bytes == null) {
            throw new AuditIncident("entry " + row.seq + " has no bytes");
        }
        AuditRecord r;
        try {
            r = AuditDecoding.decode(row.bytes);
        } catch (IllegalArgumentException e) {
            throw new AuditIncident("entry " + row.seq + " is not a readable audit entry: " + e.getMessage());
        }
        if (r.seq() != row.seq) {
            throw new AuditIncident("the row numbered " + row.seq + " holds entry " + r.seq());
        }
        return r;
    }

    private List<Row> rows(String where, Object... args) {
        return sql.list("SELECT l.seq, e.entry FROM audit_log l LEFT JOIN audit_entries e ON e.seq = l.seq WHERE " + where,
                rs -> new Row(rs.getLong(1), rs.getBytes(2)), args);
    }

    private record Row(long seq, byte[] bytes) {
    }
}
