package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Principal;
import dev.regent.core.report.OperationReport;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.access.TokenSecret;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.model.Digest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.List;
import java.util.TreeMap;

/**
 * Principals and their bearer tokens: who exists, with which grants, and who a secret belongs to. Part of the
 * {@link Registry}; reached through {@link Registry#access()}.
 */
public final class AccessFacet {
    private final RegistryStore store;
    private final Clock clock;
    private final RandomGenerator random;
    private final MutationRunner runner;
    private final HotReads hot;

    AccessFacet(RegistryStore store, Clock clock, RandomGenerator random, MutationRunner runner, HotReads hot) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.runner = runner;
        this.hot = hot;
    }

    // ---- principals ----

    /**
     * Makes {@code operator} the first admin of an empty registry (local mode's bootstrap); does nothing once any
     * principal exists. Returns whether it created the admin.
     */
    public boolean bootstrapAdmin(Principal operator, String why) {
        // a read first: the registry usually has principals, and a process that may only read must get this far
        if (store.read(tx -> tx.countPrincipals()) > 0) {
            return false;
        }
        try {
            return insertFirstAdmin(operator, why);
        } catch (dev.regent.core.store.StoreConflict e) {
            // another node bootstrapped the same empty database at the same moment and its principal is there now
            if (store.read(tx -> tx.countPrincipals()) > 0) {
                return false;
            }
            throw e;
        }
    }

    private boolean insertFirstAdmin(Principal operator, String why) {
        return store.inTransaction(tx -> {
            if (tx.countPrincipals() > 0) {
                return false;
            }
            Instant now = clock.instant();
            tx.insertPrincipal(new PrincipalRecord(operator, PrincipalKind.USER, List.of(Grant.global(Role.ADMIN)), operator, now));
            TreeMap<String, String> after = new TreeMap<>();
            after.put("kind", PrincipalKind.USER.name());
            after.put("grant", Grant.global(Role.ADMIN).toString());
            tx.appendAudit(runner.stamped(AuditEntry.draft(now, operator, AuditAction.PRINCIPAL_ADD,
                    AuditTarget.principal(operator), AuditOutcome.APPLIED, why, null, after)));
            return true;
        });
    }

    /** Registers a principal with a grant, or adds the grant to an existing one. Admins only. */
    public OperationReport addPrincipal(Principal actor, Principal subject, PrincipalKind kind, Grant grant, boolean dryRun) {
        return runner.run(new AddPrincipal(actor, subject, kind, grant), dryRun);
    }

    /**
     * Takes one grant away from a principal (its other grants, tokens and history stay); admins only. Refused when it
     * would leave the registry without a principal holding the global admin role.
     */
    public OperationReport revokeGrant(Principal actor, Principal subject, Grant grant, boolean dryRun) {
        return runner.run(new RevokeGrant(actor, subject, grant), dryRun);
    }

    /** Every principal with its grants; admins only, since grants say who can do what. */
    public List<PrincipalRecord> principals(Principal actor) {
        return store.read(tx -> {
            AccessControl.require(tx, actor, Role.ADMIN, null);
            return tx.listPrincipals();
        });
    }

    // ---- tokens ----

    /** Issues a bearer token for a principal (admins for anyone, principals for themselves); the secret is returned once. */
    public TokenIssued issueToken(Principal actor, Principal subject, java.time.Duration lifetime, String description,
                                  boolean dryRun) {
        byte[] id = new byte[6];
        random.nextBytes(id);
        IssueToken issue = new IssueToken(actor, subject, lifetime, description, "tok-" + HexFormat.of().formatHex(id),
                TokenSecret.generate(random));
        OperationReport report = runner.run(issue, dryRun);
        return new TokenIssued(report, issue.id(), issue.secret());
    }

    /** Revokes a token: admins any, principals their own. */
    public OperationReport revokeToken(Principal actor, String tokenId, boolean dryRun) {
        Principal owner = store.read(tx -> tx.findToken(tokenId)).map(TokenRecord::principal)
                .orElseThrow(() -> RegentException.notFound("token " + tokenId + " not found"));
        return runner.run(new RevokeToken(actor, tokenId, owner), dryRun);
    }

    /** Tokens of a principal (or of everyone for null): admins any, principals their own. Never the secrets. */
    public List<TokenRecord> tokens(Principal actor, Principal of) {
        return store.read(tx -> {
            if (!actor.equals(of)) {
                AccessControl.require(tx, actor, Role.ADMIN, null);
            }
            return tx.listTokens(of);
        });
    }

    /**
     * The principal a bearer secret belongs to, or UNAUTHENTICATED. The same answer for a malformed, unknown,
     * expired or revoked token, so the answer says nothing about which tokens exist.
     */
    public PrincipalRecord authenticate(String secret) {
        if (!TokenSecret.wellFormed(secret)) {
            throw refused();
        }
        Instant now = clock.instant();
        Digest hash = dev.regent.core.access.TokenHashes.of(secret);
        // from the hot-read view while nothing changed (a revocation is a change); validity is checked every time
        Authenticated found = hot.get(new HotReads.TokenKey(hash), () -> store.read(tx -> tx.findTokenByHash(hash)
                .flatMap(t -> tx.findPrincipal(t.principal()).map(p -> new Authenticated(t, p)))).orElseThrow(AccessFacet::refused));
        if (!found.token().validAt(now)) {
            throw refused();
        }
        return found.principal();
    }

    /**
     * The one answer to every refused secret. Made only when a secret is refused: an exception fills in its stack
     * trace when made, and this one was made up front on every authenticated request.
     */
    private static RegentException refused() {
        return new RegentException(dev.regent.core.error.ErrorCode.UNAUTHENTICATED,
                "invalid, expired or revoked token; create one with 'regent token create PRINCIPAL'");
    }

    /** A token with the principal it belongs to, as the hot-read view keeps them. */
    private record Authenticated(TokenRecord token, PrincipalRecord principal) {
    }

    /**
     * A server's bootstrap: on an empty registry, registers {@code admin} as the first admin and issues its token
     * (the given secret, e.g. from REGENT_BOOTSTRAP_TOKEN, or a new one). Returns the secret to show once, or empty
     * when the registry already had principals.
     */
    public Optional<String> bootstrapServerAdmin(Principal admin, String presetSecret) {
        if (presetSecret != null && !TokenSecret.wellFormed(presetSecret)) {
            throw RegentException.invalid("the bootstrap token must look like rgt_ followed by 43 base64url characters");
        }
        if (!bootstrapAdmin(admin, "bootstrap of a new server")) {
            return Optional.empty();
        }
        String secret = presetSecret != null ? presetSecret : TokenSecret.generate(random);
        byte[] id = new byte[6];
        random.nextBytes(id);
        OperationReport report = runner.run(new IssueToken(admin, admin, null, "bootstrap admin token",
                "tok-" + HexFormat.of().formatHex(id), secret), false);
        if (report.outcome() != dev.regent.core.report.Outcome.APPLIED) {
            throw new IllegalStateException("bootstrap token refused: " + report.summary());
        }
        return Optional.of(secret);
    }
}
