package dev.regent.core.registry;

import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.store.StoreTransaction;
import java.util.Map;

/**
 * Deny by default: an actor must be a registered principal holding the required role, globally or for the model.
 * Decisions are values ({@link Decision}); {@link #require} is the throwing convenience.
 */
final class AccessControl {
    private AccessControl() {
    }

    /**
     * Whether the actor may act with the role on the model, and why not. An actor who may not even read the model
     * is told it does not exist, exactly as if it did not: names of models one may not see never leak.
     */
    static Decision decide(StoreTransaction tx, Principal actor, Role role, ModelName model) {
        return decide(tx.findPrincipal(actor), actor, role, model);
    }

    /** The same decision on a principal record already read (e.g. from the hot-read view). */
    static Decision decide(java.util.Optional<PrincipalRecord> found, Principal actor, Role role, ModelName model) {
        PrincipalRecord record = found.orElse(null);
        if (record == null) {
            return new Decision(ErrorCode.UNAUTHENTICATED, "principal '" + actor + "' is not registered; an admin can add it "
                    + "with 'regent principal add " + actor + " --role contributor'");
        }
        if (role == null) {
            return new Decision(null, "");
        }
        if (model != null && !record.has(Role.VIEWER, model)) {
            return new Decision(ErrorCode.NOT_FOUND, "model '" + model + "' not found (see 'regent model list')");
        }
        if (!record.has(role, model)) {
            return new Decision(ErrorCode.PERMISSION_DENIED, "principal '" + actor + "' needs the " + role.label()
                    + " role" + (model == null ? "" : " on '" + model + "' (or globally)") + "; it has "
                    + (record.grants().isEmpty() ? "no roles" : record.grants()));
        }
        return new Decision(null, "");
    }

    /** Whether the actor may read the model (or, for null, every model). */
    static boolean mayRead(StoreTransaction tx, Principal actor, ModelName model) {
        return tx.findPrincipal(actor).map(r -> r.has(Role.VIEWER, model)).orElse(false);
    }

    /** Throws NOT_FOUND (for a model one may not read) or UNAUTHENTICATED (for an unknown principal). */
    static void requireRead(StoreTransaction tx, Principal actor, ModelName model) {
        require(tx, actor, Role.VIEWER, model);
    }

    /** The models an actor without a global viewer grant holds grants on. */
    static java.util.List<ModelName> readableModels(StoreTransaction tx, Principal actor) {
        return tx.findPrincipal(actor).map(r -> r.grants().stream().map(g -> g.model()).filter(java.util.Objects::nonNull)
                .distinct().toList()).orElse(java.util.List.of());
    }

    static void require(StoreTransaction tx, Principal actor, Role role, ModelName model) {
        require(decide(tx, actor, role, model), role);
    }

    static void require(Decision d, Role role) {
        if (!d.allowed()) {
            throw new RegentException(d.code(), d.message(), Map.of("required_role", role == null ? "any" : role.label()));
        }
    }

    /** An authorization decision: allowed, or refused with a code and a message that says what would allow it. */
    record Decision(ErrorCode code, String message) {
        boolean allowed() {
            return code == null;
        }
    }
}
