package dev.regent.core.registry;

import dev.regent.core.access.Role;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.access.TokenSecret;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;

/**
 * Issues a bearer token for a principal: admins for anyone, any principal for itself. The secret leaves the
 * registry once, in {@link #secret()}; the report, the audit log and the database only ever see its id and hash.
 */
final class IssueToken extends Mutation {
    static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private final Principal actor;
    private final Principal subject;
    private final Duration lifetime;
    private final String description;
    private final String id;
    private final String secret;
    private Instant expiresAt;

    IssueToken(Principal actor, Principal subject, Duration lifetime, String description, String id, String secret) {
        if (lifetime != null && (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0)) {
            throw RegentException.invalid("a token lifetime must be positive and at most " + MAX_LIFETIME.toDays() + " days");
        }
        if (description != null && description.length() > 200) {
            throw RegentException.invalid("a token description is at most 200 characters");
        }
        this.actor = actor;
        this.subject = subject;
        this.lifetime = lifetime;
        this.description = description == null ? "" : description;
        this.id = id;
        this.secret = secret;
    }

    String secret() {
        return secret;
    }

    String id() {
        return id;
    }

    @Override
    ModelName model() {
        return null;
    }

    @Override
    Principal actor() {
        return actor;
    }

    private boolean missing;

    @Override
    Role requiredRole() {
        // any registered principal may issue tokens for itself; only admins for others
        return actor.equals(subject) ? null : Role.ADMIN;
    }

    /** A token for a principal that does not exist is refused as not found (exit 3), not as a rule (1). */
    @Override
    dev.regent.core.error.ErrorCode refusalCode() {
        return missing ? dev.regent.core.error.ErrorCode.NOT_FOUND : dev.regent.core.error.ErrorCode.RULE_VIOLATION;
    }

    @Override
    Plan plan(StoreTransaction tx) {
        boolean exists = tx.findPrincipal(subject).isPresent();
        missing = !exists;
        return new Plan("token create", List.of("Issue token " + id + " for '" + subject + "'"
                        + (lifetime == null ? ", without expiry" : ", valid for " + lifetime.toDays() + " day(s)") + ".",
                "Store only the SHA-256 of its secret; show the secret once.", "Record a token.create audit entry (no secret)."),
                List.of(exists ? Finding.pass("principal exists", subject.name())
                        : Finding.fail("principal exists", "'" + subject + "' is not registered; add it with 'regent principal add'")));
    }

    @Override
    Applied apply(StoreTransaction tx, Instant now) {
        expiresAt = lifetime == null ? null : now.plus(lifetime);
        tx.insertToken(new TokenRecord(id, subject, TokenSecret.hash(secret), description, actor, now, expiresAt, null));
        TreeMap<String, String> after = new TreeMap<>();
        after.put("token", id);
        after.put("expires_at", expiresAt == null ? "never" : expiresAt.toString());
        AuditEntry entry = AuditEntry.draft(now, actor, AuditAction.TOKEN_CREATE, AuditTarget.principal(subject),
                AuditOutcome.APPLIED, description, null, after);
        return new Applied(List.of(new Change("token", id, "issued for " + subject
                + (expiresAt == null ? "" : ", expires " + expiresAt))), List.of(entry));
    }

    @Override
    List<Finding> verify(StoreTransaction tx) {
        return List.of(Expect.that("token stored by hash", tx.findTokenByHash(TokenSecret.hash(secret)).isPresent(), id));
    }

    @Override
    Rollback rollback() {
        return Rollback.by("regent token revoke " + id, "");
    }

    @Override
    AuditEntry refusal(Instant now, String why) {
        return Refusals.entry(now, actor, AuditAction.TOKEN_CREATE, AuditTarget.principal(subject), "", why);
    }

    @Override
    String appliedSummary() {
        return "Issued token " + id + " for '" + subject + "'. Its secret is shown once; keep it safe.";
    }

    @Override
    String plannedSummary() {
        return "a token for '" + subject + "' would be issued.";
    }
}
