package dev.regent.core.audit.tree;

import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.merkle.MemoryLeaves;
import dev.regent.core.audit.merkle.TreeHasher;
import dev.regent.core.store.StoreTransaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The log's leaves recomputed from the entries themselves (the truth), with what disagrees on the way: a missing
 * sequence number, a cached leaf hash that differs from the entry's, a counter that claims more entries than exist.
 * {@code firstDivergent} is the first entry those findings name (0 when none).
 */
public record RecomputedLog(MemoryLeaves leaves, List<String> findings, long firstDivergent) {

    /** Reads every entry in one read transaction, in pages, and recomputes its leaf hash. */
    public static RecomputedLog of(StoreTransaction tx) {
        MemoryLeaves leaves = new MemoryLeaves();
        List<String> findings = new ArrayList<>();
        long first = 0;
        long expected = 1;
        long after = 0;
        while (true) {
            List<AuditEntry> page = tx.auditEntries(new AuditQuery(null, after, AuditQuery.MAX_LIMIT));
            if (page.isEmpty()) {
                break;
            }
            Map<Long, Hash> cached = new HashMap<>();
            tx.auditLeaves(after, AuditQuery.MAX_LIMIT * 2).forEach(c -> cached.put(c.seq(), c.hash()));
            for (AuditEntry e : page) {
                if (e.seq() != expected) {
                    findings.add(e.seq() == expected + 1 ? "entry " + expected + " is missing"
                            : "entries " + expected + ".." + (e.seq() - 1) + " are missing");
                    first = first == 0 ? expected : first;
                    expected = e.seq();
                }
                Hash leaf = TreeHasher.leaf(AuditEncoding.encode(e));
                Hash stored = cached.get(e.seq());
                if (stored == null) {
                    findings.add("entry " + e.seq() + " has no cached leaf hash");
                    first = first == 0 ? e.seq() : first;
                } else if (!stored.equals(leaf)) {
                    findings.add("entry " + e.seq() + " differs from the leaf hash cached when it was appended: edited afterwards");
                    first = first == 0 ? e.seq() : first;
                }
                leaves.add(leaf);
                expected++;
            }
            after = page.get(page.size() - 1).seq();
        }
        long head = tx.auditHead();
        if (head > after) {
            findings.add("the audit counter is at " + head + " but the last entry is " + after
                    + ": entries " + (after + 1) + ".." + head + " were removed");
            first = first == 0 ? after + 1 : first;
        }
        return new RecomputedLog(leaves, List.copyOf(findings), first);
    }
}
