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

    /** Whether the actor may act with the role on the model, and why not. */
    static Decision decide(StoreTransaction tx, Principal actor, Role role, ModelName model) {
        PrincipalRecord record = tx.findPrincipal(actor).orElse(null);
        if (record == null) {
            return new Decision(ErrorCode.UNAUTHENTICATED, "principal '" + actor + "' is not registered; an admin can add it "
                    + "with 'regent principal add " + actor + " --role contributor'");
        }
        if (!record.has(role, model)) {
            return new Decision(ErrorCode.PERMISSION_DENIED, "principal '" + actor + "' needs the " + role.label()
                    + " role" + (model == null ? "" : " on '" + model + "' (or globally)") + "; it has "
                    + (record.grants().isEmpty() ? "no roles" : record.grants()));
        }
        return new Decision(null, "");
    }

    static void require(StoreTransaction tx, Principal actor, Role role, ModelName model) {
        Decision d = decide(tx, actor, role, model);
        if (!d.allowed()) {
            throw new RegentException(d.code(), d.message(), Map.of("required_role", role.label()));
        }
    }

    /** An authorization decision: allowed, or refused with a code and a message that says what would allow it. */
    record Decision(ErrorCode code, String message) {
        boolean allowed() {
            return code == null;
        }
    }
}
