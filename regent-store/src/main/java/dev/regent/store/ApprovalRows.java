package dev.regent.store;

import dev.regent.core.access.Role;
import dev.regent.core.approval.Approval;
import dev.regent.core.approval.Decision;
import dev.regent.core.model.Digest;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The insert-only approvals table. A decision's roles are stored as their labels, comma-joined in increasing
 * order (labels contain no comma); ids are assigned by the database and order the decisions.
 */
final class ApprovalRows {
    private final Sql sql;

    ApprovalRows(Sql sql) {
        this.sql = sql;
    }

    Approval insert(long modelId, Approval a) {
        long id = sql.first("INSERT INTO approvals (model_id, version, target, principal, roles, decision, comment, "
                                + "review_digest, asserted, at, gate_set) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                        rs -> rs.getLong(1),
                        modelId, a.version().value(), a.target(), a.principal().name(), roles(a.roles()), a.decision().name(),
                        a.comment(), a.reviewDigest().value(), a.asserted(), a.at().toEpochMilli(), a.gateSet())
                .orElseThrow(() -> new IllegalStateException("INSERT … RETURNING id returned no row"));
        return new Approval(id, a.model(), a.version(), a.target(), a.principal(), a.roles(), a.decision(), a.comment(),
                a.reviewDigest(), a.asserted(), a.at(), a.gateSet());
    }

    List<Approval> of(ModelName model, long modelId, VersionNumber version) {
        return sql.list("SELECT id, target, principal, roles, decision, comment, review_digest, asserted, at, gate_set "
                        + "FROM approvals WHERE model_id = ? AND version = ? ORDER BY id",
                rs -> new Approval(rs.getLong(1), model, version, rs.getString(2), Principal.of(rs.getString(3)),
                        parseRoles(rs.getString(4)), Decision.valueOf(rs.getString(5)), rs.getString(6),
                        Digest.parse(rs.getString(7)), rs.getBoolean(8), Instant.ofEpochMilli(rs.getLong(9)), rs.getString(10)),
                modelId, version.value());
    }

    static String roles(Set<Role> roles) {
        return new TreeSet<>(roles).stream().map(Role::label).collect(Collectors.joining(","));
    }

    static Set<Role> parseRoles(String text) {
        return text.isEmpty() ? Set.of() : Arrays.stream(text.split(",")).map(Role::parse)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
