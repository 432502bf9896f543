package dev.regent.store;

import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 4.1: caches the leaf hash of every audit entry written before V4 created audit_leaves. SQL cannot
 * compute the canonical encoding, so this step is Java; it runs once, right after V4, before any new append. The
 * entries of that time were encoded in version 1 and held only as columns.
 */
final class AuditLeafBackfill extends JavaBackfill {
    AuditLeafBackfill(Dialect dialect) {
        super(dialect, "4.1", "audit leaf backfill");
    }

    @Override
    void backfill(Sql sql) {
        AuditColumnReader audit = new AuditColumnReader(sql);
        long after = 0;
        while (true) {
            List<AuditColumns> page = audit.page(after, AuditQuery.MAX_LIMIT);
            if (page.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(page.size());
            for (AuditColumns e : page) {
                rows.add(new Object[] {e.seq(), TreeHasher.leaf(AuditEncoding.encodeVersion1(e.entry())).bytes()});
            }
            sql.batch("INSERT INTO audit_leaves (seq, hash) VALUES (?, ?)", rows);
            after = page.get(page.size() - 1).seq();
        }
    }
}
