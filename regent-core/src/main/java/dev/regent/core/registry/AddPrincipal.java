package dev.regent.core.registry;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.report.Change;
import dev.regent.core.report.Finding;
import dev.regent.core.report.Plan;
import dev.regent.core.report.Rollback;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Registers a principal with a role, or grants one more role to an existing principal. Admins only. */
final class AddPrincipal extends Mutation {
    private final Principal actor;
    private final Principal subject;
    private final PrincipalKind kind;
    private final Grant grant;
    private Optional<PrincipalRecord> existing;

    AddPrincipal(Principal actor, Principal subject, PrincipalKind kind, Grant grant) {
        this.actor = actor;
        this.subject = subject;
        this.kind = kind;
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
    Plan plan(StoreTransaction tx) {
        existing = tx.findPrincipal(subject);
        List<Finding> pre = new ArrayList<>();
        if (existing.isPresent() && existing.get().kind() != kind) {
            pre.add(Finding.fail("kind matches", "'" + subject + "' is registered as " + existing.get().kind()
                    + ", not " + kind + "; a principal's kind does not change"));
        }
        String step = existing.isEmpty() ? "Register " + kind.name().toLowerCase() + " principal '" + subject + "' with " + grant + "."
                : existing.get().grants().contains(grant) ? "'" + subject + "' already has " + grant + "; nothing to change."
                : "Grant " + grant + " to existing principal '" + subject + "'.";
        return new Plan("principal add", List.of(step, "Record a principal.add audit entry."), pre);
    }

    private boolean unchanged() {
        return existing.isPresent() && existing.get().grants().contains(grant);
    }

    @Override
    java.util.Optional<String> alreadyInPlace() {
        return unchanged() ? java.util.Optional.of("'" + subject + "' already has " + grant) : java.util.Optional.empty();
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        if (existing.isEmpty()) {
            tx.insertPrincipal(new PrincipalRecord(subject, kind, List.of(grant), actor, now));
        } else {
            tx.addGrant(subject, grant);
        }
        TreeMap<String, String> after = new TreeMap<>();
        after.put("kind", kind.name());
        after.put("grant", grant.toString());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.PRINCIPAL_ADD, AuditTarget.principal(subject),
                AuditOutcome.APPLIED, "", null, after);
        return new Applied(List.of(new Change("principal", subject.name(), (existing.isEmpty() ? "registered with " : "granted ") + grant)),
                List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        Optional<PrincipalRecord> read = tx.findPrincipal(subject);
        return List.of(Expect.that("principal has " + grant, read.isPresent() && read.get().grants().contains(grant),
                read.map(r -> "grants: " + r.grants()).orElse("principal not found")));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent principal revoke " + dev.regent.core.report.Shell.quote(subject.name()) + " --role "
                + grant.role().label() + (grant.model() == null ? "" : " --model " + dev.regent.core.report.Shell.quote(grant.model())),
                "Takes the grant away again.");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.PRINCIPAL_ADD, AuditTarget.principal(subject), "", why);
    }

    @Override
    String appliedSummary() {
        return existing.isEmpty() ? "Registered '" + subject + "' with " + grant + "." : "Granted " + grant + " to '" + subject + "'.";
    }

    @Override
    String plannedSummary() {
        return "'" + subject + "' would get " + grant + ".";
    }
}
