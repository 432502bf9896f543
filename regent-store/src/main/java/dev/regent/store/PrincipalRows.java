package dev.regent.store;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The principals table and their grants. A grant names its model by name ('' for a global grant, so the unique
 * key covers global grants too); grants come back in the order they were given.
 */
final class PrincipalRows {
    private static final String COLUMNS = "name, kind, created_by, created_at";
    private static final String GLOBAL = "";
    private static final String INSERT_GRANT = "INSERT INTO grants (principal, role, model) VALUES (?, ?, ?) "
            + "ON CONFLICT (principal, role, model) DO NOTHING";

    private final Sql sql;

    PrincipalRows(Sql sql) {
        this.sql = sql;
    }

    Optional<PrincipalRecord> find(Principal principal) {
        Optional<Row> row = sql.first("SELECT " + COLUMNS + " FROM principals WHERE name = ?", PrincipalRows::row,
                principal.name());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<Grant>> grants = grants("SELECT principal, role, model FROM grants WHERE principal = ? ORDER BY id",
                principal.name());
        return Optional.of(row.get().toRecord(grants));
    }

    List<PrincipalRecord> list() {
        List<Row> rows = sql.list("SELECT " + COLUMNS + " FROM principals ORDER BY name", PrincipalRows::row);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, List<Grant>> grants = grants("SELECT principal, role, model FROM grants ORDER BY id");
        List<PrincipalRecord> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.toRecord(grants)));
        return out;
    }

    long count() {
        return sql.first("SELECT COUNT(*) FROM principals", rs -> rs.getLong(1)).orElse(0L);
    }

    void insert(PrincipalRecord record) {
        String name = record.principal().name();
        sql.guardedUpdate(() -> "a principal named '" + name + "' already exists",
                "INSERT INTO principals (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
                name, record.kind().name(), record.createdBy().name(), record.createdAt().toEpochMilli());
        List<Object[]> rows = new ArrayList<>();
        record.grants().forEach(g -> rows.add(grantRow(record.principal(), g)));
        sql.batch(INSERT_GRANT, rows);
    }

    void addGrant(Principal principal, Grant grant) {
        if (sql.first("SELECT 1 FROM principals WHERE name = ?", rs -> 1, principal.name()).isEmpty()) {
            throw RegentException.notFound("principal '" + principal + "' does not exist");
        }
        sql.update(INSERT_GRANT, grantRow(principal, grant));
    }

    boolean removeGrant(Principal principal, Grant grant) {
        return sql.update("DELETE FROM grants WHERE principal = ? AND role = ? AND model = ?", grantRow(principal, grant)) > 0;
    }

    private static Object[] grantRow(Principal principal, Grant grant) {
        return new Object[] {principal.name(), grant.role().label(), grant.model() == null ? GLOBAL : grant.model().value()};
    }

    private Map<String, List<Grant>> grants(String query, Object... args) {
        Map<String, List<Grant>> out = new HashMap<>();
        sql.list(query, rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Grant(
                Role.parse(rs.getString(2)), GLOBAL.equals(rs.getString(3)) ? null : ModelName.of(rs.getString(3)))), args);
        return out;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }

    /** One principals row before its grants are attached. */
    private record Row(String name, String kind, String createdBy, long createdAt) {
        PrincipalRecord toRecord(Map<String, List<Grant>> grants) {
            return new PrincipalRecord(Principal.of(name), PrincipalKind.valueOf(kind), grants.getOrDefault(name, List.of()),
                    Principal.of(createdBy), Instant.ofEpochMilli(createdAt));
        }
    }
}
