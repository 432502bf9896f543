package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.List;

/** Revokes a token: it stops authenticating at once. Admins for any token, principals for their own. */
final class RevokeToken extends Mutation {
    private final Principal actor;
    private final String id;
    private final Principal owner;
    private TokenRecord token;

    RevokeToken(Principal actor, String id, Principal owner) {
        this.actor = actor;
        this.id = id;
        this.owner = owner;
    }

    @Override
    ModelName model() {
        return null;
    }

    @Override
    Principal actor() {
        return actor;
    }

    @Override
    Role requiredRole() {
        return actor.equals(owner) ? null : Role.ADMIN;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        token = tx.findToken(id).orElseThrow(() -> RegentException.notFound("token " + id + " not found"));
        return new Plan("token revoke", List.of("Revoke token " + id + " of '" + token.principal() + "'.",
                "Record a token.revoke audit entry."), List.of(token.revokedAt() == null
                ? Finding.pass("token not yet revoked", "issued " + token.createdAt())
                : Finding.fail("token not yet revoked", "revoked at " + token.revokedAt())));
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.revokeToken(id, now);
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.TOKEN_REVOKE, AuditTarget.principal(token.principal()),
                AuditOutcome.APPLIED, "", StateMaps.single("token", id), StateMaps.single("revoked", id));
        return new Applied(List.of(new Change("token", id, "revoked")), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        boolean revoked = tx.findToken(id).map(t -> t.revokedAt() != null).orElse(false);
        return List.of(Expect.that("token revoked", revoked, id));
    }

    @Override
    Rollback rollback() {
        return Rollback.nothing("A revoked token stays revoked; issue a new one with 'regent token create " + token.principal() + "'.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.TOKEN_REVOKE, AuditTarget.principal(owner), "", why);
    }

    @Override
    String appliedSummary() {
        return "Revoked token " + id + " of '" + token.principal() + "'.";
    }

    @Override
    String plannedSummary() {
        return "token " + id + " would be revoked.";
    }
}
