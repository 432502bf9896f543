package dev.regent.core.registry;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.error.ErrorCode;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.report.Shell;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Takes one grant away from a principal: its other grants, its tokens and everything it did stay (revoke its tokens to
 * lock it out entirely). Admins only. Never leaves the registry without a principal holding the global admin role:
 * nobody could then grant anything again, short of the break-glass on the stopped server's data directory.
 */
final class RevokeGrant extends Mutation {
    private final Principal actor;
    private final Principal subject;
    private final Grant grant;
    private Optional<PrincipalRecord> existing = Optional.empty();

    RevokeGrant(Principal actor, Principal subject, Grant grant) {
        this.actor = actor;
        this.subject = subject;
        this.grant = grant;
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
        return Role.ADMIN;
    }

    @Override
    ErrorCode refusalCode() {
        return existing.isEmpty() ? ErrorCode.NOT_FOUND : ErrorCode.RULE_VIOLATION;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        existing = tx.findPrincipal(subject);
        List<Finding> pre = new ArrayList<>();
        if (existing.isEmpty()) {
            pre.add(Finding.fail("principal exists", "'" + subject + "' is not registered"));
        } else if (grant.equals(Grant.global(Role.ADMIN)) && existing.get().grants().contains(grant)) {
            long otherAdmins = tx.listPrincipals().stream().filter(p -> !p.principal().equals(subject))
                    .filter(p -> p.grants().contains(Grant.global(Role.ADMIN))).count();
            pre.add(otherAdmins > 0 ? Finding.pass("an admin remains", otherAdmins + " other principal(s) hold admin")
                    : Finding.fail("an admin remains", "'" + subject + "' is the registry's only admin: grant admin "
                            + "to another principal first"));
        }
        String step = existing.isPresent() && !existing.get().grants().contains(grant)
                ? "'" + subject + "' does not hold " + grant + "; nothing to change."
                : "Take " + grant + " away from '" + subject + "' (its other grants and its tokens stay).";
        return new Plan("principal revoke", List.of(step, "Record a principal.revoke audit entry."), pre);
    }

    @Override
    Optional<String> alreadyInPlace() {
        return existing.isPresent() && !existing.get().grants().contains(grant)
                ? Optional.of("'" + subject + "' does not hold " + grant) : Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        tx.removeGrant(subject, grant);
        TreeMap<String, String> before = new TreeMap<>();
        before.put("grant", grant.toString());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.PRINCIPAL_REVOKE, AuditTarget.principal(subject),
                AuditOutcome.APPLIED, "", before, new TreeMap<>());
        return new Applied(List.of(new Change("principal", subject.name(), "no longer holds " + grant)), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<PrincipalRecord> read = tx.findPrincipal(subject);
        return List.of(Expect.that("principal no longer holds " + grant,
                read.isPresent() && !read.get().grants().contains(grant),
                read.map(r -> "grants: " + r.grants()).orElse("principal not found")));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent principal add " + Shell.quote(subject.name()) + " --role " + grant.role().label()
                + (grant.model() == null ? "" : " --model " + Shell.quote(grant.model())), "Grants the role again.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.PRINCIPAL_REVOKE, AuditTarget.principal(subject), "", why);
    }

    @Override
    String appliedSummary() {
        return "'" + subject + "' no longer holds " + grant + ".";
    }

    @Override
    String plannedSummary() {
        return "'" + subject + "' would no longer hold " + grant + ".";
    }
}
