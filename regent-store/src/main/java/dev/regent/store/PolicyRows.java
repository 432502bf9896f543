package dev.regent.store;

import dev.regent.core.model.Digest;
import dev.regent.core.model.Principal;
import dev.regent.core.policy.PolicyRevision;
import dev.regent.core.store.StoreConflict;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The insert-only policy_revisions table: one row per applied revision, numbered from 1. */
final class PolicyRows {
    private static final String COLUMNS = "revision, digest, text, source, applied_by, applied_at, reason";
    private final Sql sql;

    PolicyRows(Sql sql) {
        this.sql = sql;
    }

    OptionalInt current() {
        return sql.first("SELECT MAX(revision) FROM policy_revisions", rs -> {
            int n = rs.getInt(1);
            return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(n);
        }).orElse(OptionalInt.empty());
    }

    Optional<PolicyRevision> find(int number) {
        return sql.first("SELECT " + COLUMNS + " FROM policy_revisions WHERE revision = ?", PolicyRows::revision, number);
    }

    List<PolicyRevision> all() {
        return sql.list("SELECT " + COLUMNS + " FROM policy_revisions ORDER BY revision", PolicyRows::revision);
    }

    void insert(PolicyRevision r) {
        int expected = current().orElse(0) + 1;
        if (r.number() != expected) {
            throw new StoreConflict("policy revision " + r.number() + " cannot follow revision " + (expected - 1)
                    + ": another change to the policy was recorded first; read the policy again and retry");
        }
        sql.guardedUpdate(() -> "policy revision " + r.number() + " was recorded by another writer first; read the policy "
                        + "again and retry",
                "INSERT INTO policy_revisions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                r.number(), r.digest().value(), r.text(), r.source(), r.appliedBy().name(), r.appliedAt().toEpochMilli(),
                r.reason());
    }

    private static PolicyRevision revision(ResultSet rs) throws SQLException {
        return new PolicyRevision(rs.getInt(1), Digest.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                Principal.of(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7));
    }
}
