package dev.regent.core.store;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.model.Principal;
import java.util.List;
import java.util.Optional;

/** Principals and their grants, inside a store transaction. */
public interface PrincipalRecords {

    /** The principal with its grants. */
    Optional<PrincipalRecord> findPrincipal(Principal principal);

    /** All principals in name order, with their grants. */
    List<PrincipalRecord> listPrincipals();

    /** How many principals exist (0 on a fresh registry: the first one becomes admin). */
    long countPrincipals();

    /** Inserts a principal with its grants; throws {@link StoreConflict} when the name exists. */
    void insertPrincipal(PrincipalRecord record);

    /** Adds a grant to an existing principal; adding one it already has is a no-op. */
    void addGrant(Principal principal, Grant grant);

    /** Removes a grant from a principal; returns whether it held that grant. */
    boolean removeGrant(Principal principal, Grant grant);
}
