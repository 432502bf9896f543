package dev.regent.store;

import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 4.1: caches the leaf hash of every audit entry written before V4 created audit_leaves. SQL cannot
 * compute the canonical encoding, so this step is Java; it runs once, right after V4, before any new append.
 */
final class AuditLeafBackfill extends JavaBackfill {
    AuditLeafBackfill(Dialect dialect) {
        super(dialect, "4.1", "audit leaf backfill");
    }

    @Override
    void backfill(Sql sql) {
        AuditRows audit = new AuditRows(sql);
        long after = 0;
        while (true) {
            List<AuditEntry> page = audit.entries(new AuditQuery(null, after, AuditQuery.MAX_LIMIT));
            if (page.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(page.size());
            for (AuditEntry e : page) {
                rows.add(new Object[] {e.seq(), TreeHasher.leaf(AuditEncoding.encode(e)).bytes()});
            }
            sql.batch("INSERT INTO audit_leaves (seq, hash) VALUES (?, ?)", rows);
            after = page.get(page.size() - 1).seq();
        }
    }
}
