package dev.regent.store;

import dev.regent.core.audit.AuditEncoding;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.merkle.TreeHasher;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Migration 4.1: caches the leaf hash of every audit entry written before V4 created audit_leaves. SQL cannot
 * compute the canonical encoding, so this step is Java; it runs once, right after V4, before any new append.
 */
final class AuditLeafBackfill implements JavaMigration {
    private final Dialect dialect;

    AuditLeafBackfill(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4.1");
    }

    @Override
    public String getDescription() {
        return "audit leaf backfill";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Sql sql = new Sql(context.getConnection(), dialect);
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
