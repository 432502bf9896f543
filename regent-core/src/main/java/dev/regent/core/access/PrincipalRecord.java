package dev.regent.core.access;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A registered principal with its grants. */
public record PrincipalRecord(Principal principal, PrincipalKind kind, List<Grant> grants, Principal createdBy,
                              Instant createdAt) {
    public PrincipalRecord {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        grants = List.copyOf(grants);
        createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
    }

    /** Whether the principal holds the role (or a higher one) for the model; {@code model} null asks for a global grant. */
    public boolean has(Role role, ModelName model) {
        return grants.stream().anyMatch(g -> g.role().includes(role) && (model == null ? g.model() == null : g.appliesTo(model)));
    }

    /** The roles that apply to the model, with the roles they include. */
    public Set<Role> effectiveRoles(ModelName model) {
        Set<Role> roles = new TreeSet<>();
        for (Grant g : grants) {
            if (model == null ? g.model() == null : g.appliesTo(model)) {
                for (Role r : Role.values()) {
                    if (g.role().includes(r)) {
                        roles.add(r);
                    }
                }
            }
        }
        return roles;
    }
}
