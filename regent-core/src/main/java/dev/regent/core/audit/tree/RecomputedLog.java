package dev.regent.core.audit.tree;

import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.ColumnBytes;
import dev.regent.core.audit.ScannedEntry;
import dev.regent.core.audit.AuditDecoding;
import dev.regent.core.audit.AuditLink;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.AuditRecord;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The log's leaves recomputed from the entries' bytes (the truth), with what disagrees on the way: a missing
 * sequence number, bytes that do not decode or name another number, a cached leaf hash that differs, a derived
 * column (model, actor, action, time, target, outcome, reason, fields, evidence) that says something the bytes do
 * not, a model's hash chain that skips or misnames an entry, a recorded newest entry per model that is not the
 * chain's, a counter that claims more entries than exist. {@code firstDivergent} is the first entry those findings
 * name (0 when none).
 */
public record RecomputedLog(MemoryLeaves leaves, List<String> findings, long firstDivergent) {

    /**
     * Reads every entry in one read transaction, in one sequential pass ({@link StoreTransaction#scanAudit}), and
     * recomputes its leaf hash. An entry whose bytes are exactly the encoding of its columns linked as the chain says
     * ({@link ColumnBytes}, compared without decoding) needs nothing more; any other is decoded to say what differs.
     * The reading (the database driver, on this thread, which holds the transaction) and the hashing and comparing
     * (on a second thread, in the same order) run at once, on two cores where there are two.
     */
    public static RecomputedLog of(StoreTransaction tx) {
        Walk walk = new Walk();
        try (SecondThread<ScannedEntry> verifying = new SecondThread<>("audit-verify", walk::scanned)) {
            tx.scanAudit(verifying);
            verifying.finish();
        }
        long after = walk.expected - 1;
        walk.heads(tx.auditModelHeads());
        long head = tx.auditHead();
        if (head > after) {
            walk.finding(after + 1, "the audit counter is at " + head + " but the last entry is " + after
                    + ": entries " + (after + 1) + ".." + head + " were removed");
        }
        return new RecomputedLog(walk.leaves, List.copyOf(walk.findings), walk.first);
    }

    private static final class Walk {
        final MemoryLeaves leaves = new MemoryLeaves();
        final List<String> findings = new ArrayList<>();
        final Map<String, AuditLink> newest = new HashMap<>();
        long first;
        long expected = 1;

        private final java.security.MessageDigest sha256 = TreeHasher.digest();

        void scanned(ScannedEntry s) {
            long seq = s.seq();
            if (seq == expected && s.bytes() != null && s.cachedLeaf() != null) {
                // the fast path: hash once with a reused digest, compare with the cache and the columns' encoding
                sha256.update((byte) 0);
                byte[] leafBytes = sha256.digest(s.bytes());
                AuditColumns c = s.columns();
                AuditLink before = newest.get(c.model());
                if (java.util.Arrays.equals(leafBytes, s.cachedLeaf()) && ColumnBytes.matches(s.bytes(), c, before)) {
                    expected++;
                    Hash leaf = Hash.of(leafBytes);
                    leaves.add(leaf);
                    newest.put(c.model(), new AuditLink(seq, leaf));
                    return;
                }
            }
            entry(new StoredEntryBytes(seq, s.bytes()), s.cachedLeaf() == null ? null : Hash.of(s.cachedLeaf()), s.columns());
        }

        void entry(StoredEntryBytes row, Hash cached, AuditColumns columns) {
            long seq = row.seq();
            if (seq != expected) {
                finding(expected, seq == expected + 1 ? "entry " + expected + " is missing"
                        : "entries " + expected + ".." + (seq - 1) + " are missing");
                expected = seq;
            }
            expected++;
            if (row.bytes() == null) {
                finding(seq, "entry " + seq + " has no bytes: removed afterwards");
                leaves.add(TreeHasher.EMPTY_ROOT);
                return;
            }
            Hash leaf = TreeHasher.leaf(row.bytes());
            leaves.add(leaf);
            if (cached == null) {
                finding(seq, "entry " + seq + " has no cached leaf hash");
            } else if (!cached.equals(leaf)) {
                finding(seq, "entry " + seq + " differs from the leaf hash cached when it was appended: edited afterwards");
            }
            AuditRecord r;
            try {
                r = AuditDecoding.decode(row.bytes());
            } catch (IllegalArgumentException e) {
                finding(seq, "entry " + seq + " differs from a readable audit entry: " + e.getMessage());
                return;
            }
            if (r.seq() != seq) {
                finding(seq, "entry " + seq + " differs from its bytes, which hold entry " + r.seq() + ": moved");
            }
            if (columns == null) {
                finding(seq, "entry " + seq + " has bytes but no columns");
            } else {
                List<String> off = columns.disagreeingWith(r);
                if (!off.isEmpty()) {
                    finding(seq, "entry " + seq + " differs from its bytes in its derived column(s) " + String.join(", ", off)
                            + ": edited afterwards (a read filtering on them could miss it)");
                }
            }
            AuditLink before = newest.get(r.model());
            if (r.version() >= 2 && !Objects.equals(r.previous().orElse(null), before)) {
                finding(seq, "entry " + seq + " breaks model '" + r.model() + "''s hash chain: it names "
                        + r.previous().map(l -> "entry " + l.seq()).orElse("no previous entry") + ", the log gives "
                        + (before == null ? "none" : "entry " + before.seq()));
            }
            newest.put(r.model(), new AuditLink(seq, leaf));
        }

        void heads(Map<String, Long> recorded) {
            for (Map.Entry<String, AuditLink> e : newest.entrySet()) {
                Long seq = recorded.get(e.getKey());
                if (seq == null || seq != e.getValue().seq()) {
                    // the later of the two is where the log and the pointer part ways (a removed or re-filed entry)
                    finding(Math.max(e.getValue().seq(), seq == null ? 0 : seq), "the newest entry recorded for model '" + e.getKey() + "' is "
                            + Optional.ofNullable(seq).map(String::valueOf).orElse("none") + ", the log's is " + e.getValue().seq());
                }
            }
            recorded.keySet().stream().filter(m -> !newest.containsKey(m)).sorted().forEach(m ->
                    finding(recorded.get(m), "a newest entry is recorded for model '" + m + "', which has no entries"));
        }

        void finding(long seq, String text) {
            findings.add(text);
            first = first == 0 ? seq : Math.min(first, seq);
        }
    }
}
