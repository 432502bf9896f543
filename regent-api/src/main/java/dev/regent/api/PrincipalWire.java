package dev.regent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A principal with its grants, as {@code principal list --json}: {@code name, kind (user|service|agent), created_by,
 * created_at, grants: [{role, model?}]}. Also the answer of {@code GET /api/v1/whoami}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PrincipalWire(String name, String kind, String createdBy, String createdAt, List<GrantWire> grants) {
    public PrincipalWire {
        grants = grants == null ? List.of() : List.copyOf(grants);
    }

    /** A role, globally (no {@code model}) or on one model. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GrantWire(String role, @JsonInclude(JsonInclude.Include.NON_NULL) String model) {
        public static GrantWire of(Grant g) {
            return new GrantWire(g.role().label(), g.model() == null ? null : g.model().value());
        }

        public Grant toDomain() {
            return Grant.of(role, model);
        }
    }

    public static PrincipalWire of(PrincipalRecord p) {
        return new PrincipalWire(p.principal().name(), p.kind().name().toLowerCase(Locale.ROOT), p.createdBy().name(),
                p.createdAt().toString(), p.grants().stream().map(GrantWire::of).toList());
    }

    public PrincipalRecord toDomain() {
        return new PrincipalRecord(Principal.of(name), PrincipalKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                grants.stream().map(GrantWire::toDomain).toList(), Principal.of(createdBy), Instant.parse(createdAt));
    }
}
