package dev.regent.core.registry;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.report.OperationReport;
import dev.regent.core.search.Found;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalKind;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.access.TokenSecret;
import dev.regent.core.approval.ApprovalView;
import dev.regent.core.approval.Decision;
import dev.regent.core.audit.AuditAction;
import dev.regent.core.audit.AuditOutcome;
import dev.regent.core.audit.AuditTarget;
import dev.regent.core.artifact.ArtifactBlobs;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.artifact.ArtifactManifest;
import dev.regent.core.artifact.ArtifactPath;
import dev.regent.core.artifact.StoredArtifact;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.model.Digest;
import java.io.InputStream;
import dev.regent.core.card.CardRevision;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.policy.GateContext;
import dev.regent.core.policy.GateEvaluator;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.report.Finding;
import dev.regent.core.store.StoreTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The registry service: the one entry point every transport (CLI, REST, MLflow API, UI, agent tools) calls.
 * Every change returns a five-part {@link OperationReport}; {@code dryRun} plans without writing anything.
 * Rule refusals are reports with outcome REFUSED; malformed input and missing objects are {@link RegentException}s.
 */
public final class Registry {
    public static final int MAX_PAGE = 1000;

    private final RegistryStore store;
    private final MutationRunner runner;
    private final Clock clock;
    private final RandomGenerator random;
    private final SourceRules sourceRules;
    private final Policy policy;
    private final GateEvaluator gates;
    private final RollbackGuard rollbackGuard = new GovernanceRollbackGuard();
    private final BlobStore blobs;
    private final boolean authenticated;
    private final HotReads hot;

    /**
     * @param random        source of evidence ids (a SecureRandom in production, seeded in tests)
     * @param policy        the promotion policy, already parsed and compiled
     * @param authenticated whether principals are authenticated (server) or only asserted (local mode); recorded
     *                      on every approval
     */
    public Registry(RegistryStore store, Clock clock, RandomGenerator random, SourceRules sourceRules, Policy policy,
                    BlobStore blobs, boolean authenticated) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = new MutationRunner(store, clock, new TreeMap<>());
        this.random = Objects.requireNonNull(random, "random");
        this.sourceRules = Objects.requireNonNull(sourceRules, "sourceRules");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.gates = new GateEvaluator(() -> this.policy);
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.authenticated = authenticated;
        this.hot = new HotReads(store, HotReads.configuredMaxAge());
    }

    private Registry(Registry base, String field, String value) {
        this.store = base.store;
        this.clock = base.clock;
        TreeMap<String, String> stamp = new TreeMap<>(base.runner.stamp());
        stamp.put(field, value);
        this.runner = new MutationRunner(base.store, base.clock, stamp);
        this.random = base.random;
        this.sourceRules = base.sourceRules;
        this.policy = base.policy;
        this.gates = new GateEvaluator(() -> this.policy);
        this.blobs = base.blobs;
        this.authenticated = base.authenticated;
        this.hot = base.hot;
    }

    /**
     * This registry, recording in every audit entry it writes the channel changes came through ({@code via}, e.g.
     * "mcp:promote" for an agent's tool call), so the log tells agents' changes from people's.
     */
    public Registry via(String channel) {
        if (channel == null || !channel.matches("[a-z0-9][a-z0-9_.:-]{0,63}")) {
            throw RegentException.invalid("invalid channel '" + channel + "': 1-64 of a-z, 0-9, '_', '.', ':', '-'");
        }
        return new Registry(this, "via", channel);
    }

    /**
     * This registry, recording in every audit entry it writes the operating-system account that ran the process
     * ({@code os_user}): in local mode the principal is only asserted (--as), so the log also says who asserted it.
     */
    public Registry onBehalfOfOsUser(String osUser) {
        if (osUser == null || osUser.isEmpty() || osUser.length() > 256 || osUser.chars().anyMatch(Character::isISOControl)) {
            throw RegentException.invalid("invalid OS user name: 1-256 characters without control characters");
        }
        return new Registry(this, "os_user", osUser);
    }

    /** This registry as the given principal sees it. */
    public RegistrySession as(Principal actor) {
        return new LocalRegistrySession(this, actor);
    }

    /** Remembered outcomes for idempotent retries of creating requests. */
    public IdempotencyKeys idempotencyKeys() {
        return new IdempotencyKeys(store, clock);
    }

    /** Whether the database answers (a cheap read); throws when it does not. */
    public void checkReady() {
        store.read(StoreTransaction::countPrincipals);
    }

    /** The policy in effect. */
    public Policy policy() {
        return policy;
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
        RegentException refused = new RegentException(dev.regent.core.error.ErrorCode.UNAUTHENTICATED,
                "invalid, expired or revoked token; create one with 'regent token create PRINCIPAL'");
        if (!TokenSecret.wellFormed(secret)) {
            throw refused;
        }
        Instant now = clock.instant();
        Digest hash = TokenSecret.hash(secret);
        // from the hot-read view while nothing changed (a revocation is a change); validity is checked every time
        Authenticated found = hot.get(new HotReads.TokenKey(hash), () -> store.read(tx -> tx.findTokenByHash(hash)
                .flatMap(t -> tx.findPrincipal(t.principal()).map(p -> new Authenticated(t, p)))).orElseThrow(() -> refused));
        if (!found.token().validAt(now)) {
            throw refused;
        }
        return found.principal();
    }

    /** A token with the principal it belongs to, as the hot-read view keeps them. */
    private record Authenticated(TokenRecord token, PrincipalRecord principal) {
    }

    /** The read check of the hot paths, on the principal record from the hot-read view. */
    private void requireRead(Principal actor, ModelName model) {
        java.util.Optional<PrincipalRecord> record = hot.get(new HotReads.PrincipalKey(actor),
                () -> store.read(tx -> tx.findPrincipal(actor)));
        AccessControl.require(AccessControl.decide(record, actor, Role.VIEWER, model), Role.VIEWER);
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

    // ---- models ----

    /** Creates a model; refused (ALREADY_EXISTS) when a live model of that name exists. */
    public OperationReport createModel(Principal actor, ModelName name, Description description, Tags tags, boolean dryRun) {
        return runner.run(new CreateModel(actor, name, description, tags), dryRun);
    }

    /** Changes a model's description and tags. */
    public OperationReport updateModel(Principal actor, ModelName name, Annotations change, boolean dryRun) {
        return updateModel(actor, name, change, m -> true, dryRun);
    }

    /**
     * Changes a model's description and tags only if {@code stillAsRead} holds for its current state, tested under
     * the model's lock in the writing transaction (optimistic concurrency: e.g. an HTTP If-Match). Otherwise refused
     * with STALE_REVISION.
     */
    public OperationReport updateModel(Principal actor, ModelName name, Annotations change,
                                       java.util.function.Predicate<Model> stillAsRead, boolean dryRun) {
        return runner.run(new UpdateModel(actor, name, change, stillAsRead), dryRun);
    }

    /** Tombstones a model; refused while one of its versions is in Staging or Production. */
    public OperationReport deleteModel(Principal actor, ModelName name, Reason reason, boolean dryRun) {
        return runner.run(new DeleteModel(actor, name, reason), dryRun);
    }

    /**
     * Renames a live model; refused (ALREADY_EXISTS) when a live model has the new name, and refused when the policy
     * would govern the new name with other gates. Per-model grants move to the new name in the same transaction.
     *
     * @param reason why (optional: null or blank for none)
     */
    public OperationReport renameModel(Principal actor, ModelName from, ModelName to, String reason, boolean dryRun) {
        return runner.run(new RenameModel(actor, from, to, reason, policy), dryRun);
    }

    /** The live model, or NOT_FOUND. */
    public Model model(Principal actor, ModelName name) {
        requireRead(actor, name);
        return hot.get(new HotReads.ModelKey(name), () -> store.read(tx -> Lookups.model(tx, name)));
    }

    /** The model with its stage holders and aliases, or NOT_FOUND. */
    public ModelOverview overview(Principal actor, ModelName name) {
        requireRead(actor, name);
        return hot.get(new HotReads.OverviewKey(name), () -> store.read(tx -> {
            Model model = Lookups.model(tx, name);
            // a hot read: a few indexed queries, never every version of the model
            dev.regent.core.store.VersionSummary summary = tx.versionSummary(name);
            Map<Stage, VersionNumber> holders = new EnumMap<>(Stage.class);
            for (Stage stage : new Stage[] {Stage.STAGING, Stage.PRODUCTION}) {
                tx.stageHolders(name, stage).stream().findFirst().ifPresent(v -> holders.put(stage, v.number()));
            }
            VersionNumber latest = summary.maxLiveNumber() == 0 ? null : VersionNumber.of(summary.maxLiveNumber());
            return new ModelOverview(model, summary.liveCount(), latest, holders, new TreeMap<>(tx.aliases(name)));
        }));
    }

    /**
     * Live models the actor may read, in name order after {@code after} (null for the first page), at most
     * {@code limit} (1..1000). A global viewer sees every model; others see the models they hold a grant on.
     */
    public List<Model> models(Principal actor, ModelName after, int limit) {
        checkPage(limit);
        return store.read(tx -> {
            if (AccessControl.mayRead(tx, actor, null)) {
                return tx.listModels(after, limit);
            }
            return AccessControl.readableModels(tx, actor).stream()
                    .filter(name -> after == null || name.compareTo(after) > 0)
                    .sorted().map(tx::findModel).flatMap(Optional::stream).limit(limit).toList();
        });
    }

    // ---- search ----

    /** The most models one search window may hold (MLflow's limit). */
    public static final int MAX_MODEL_RESULTS = 1000;
    /** The most versions one search window may hold (MLflow's limit). */
    public static final int MAX_VERSION_RESULTS = 200_000;

    /**
     * Live models the actor may read that match the query (name and tag predicates), in the query's order; the
     * window skips {@code offset} results and holds at most {@code limit} (1..{@value #MAX_MODEL_RESULTS}).
     */
    public Found<Model> searchModels(Principal actor, SearchQuery query, int offset, int limit) {
        query.requireModelSearch();
        checkWindow(offset, limit, MAX_MODEL_RESULTS);
        return store.read(tx -> {
            java.util.Set<ModelName> within = readableScope(tx, actor);
            return found(within != null && within.isEmpty() ? List.of() : tx.searchModels(query, within, offset, limit + 1), limit);
        });
    }

    /** Live versions of the models the actor may read that match the query; the window as for searchModels. */
    public Found<ModelVersion> searchVersions(Principal actor, SearchQuery query, int offset, int limit) {
        checkWindow(offset, limit, MAX_VERSION_RESULTS);
        return store.read(tx -> {
            java.util.Set<ModelName> within = readableScope(tx, actor);
            return found(within != null && within.isEmpty() ? List.of() : tx.searchVersions(query, within, offset, limit + 1), limit);
        });
    }

    /** Null (every model) for a global viewer; otherwise the models the actor holds a grant on — as {@link #models}. */
    private static java.util.Set<ModelName> readableScope(StoreTransaction tx, Principal actor) {
        return AccessControl.mayRead(tx, actor, null) ? null : java.util.Set.copyOf(AccessControl.readableModels(tx, actor));
    }

    private static <T> Found<T> found(List<T> oneMore, int limit) {
        return new Found<>(oneMore.subList(0, Math.min(limit, oneMore.size())), oneMore.size() > limit);
    }

    private static void checkWindow(int offset, int limit, int max) {
        if (limit < 1 || limit > max) {
            throw RegentException.invalid("a search returns between 1 and " + max + " results, got " + limit);
        }
        if (offset < 0) {
            throw RegentException.invalid("a search offset must not be negative, got " + offset);
        }
    }

    // ---- versions ----

    /** Registers a new immutable version; refused when its digest is already registered under the model. */
    public OperationReport registerVersion(Principal actor, NewVersion request, boolean dryRun) {
        return registerVersion(actor, request, null, dryRun);
    }

    /**
     * Registers a new version whose artifact is already in the blob store under the request's digest ({@code stored}
     * says whether that is a file or a directory's manifest; null: the registry holds no artifact). Refused when the
     * content, or for a directory any listed file, is not stored; INVALID_ARGUMENT for a malformed manifest.
     */
    public OperationReport registerVersion(Principal actor, NewVersion request, ArtifactKind stored, boolean dryRun) {
        return runner.run(new RegisterVersion(actor, request, sourceRules, policy.complianceTags().keySet(),
                new ArtifactBlobs(blobs), stored), dryRun);
    }

    /**
     * Streams content into the blob store for a later registration under {@code model} (at most {@code maxBytes},
     * else INVALID_ARGUMENT) and returns its digest; needs contributor on the model. Storing is not a change of
     * registry state (nothing refers to the blob until a version does), so it writes no audit entry.
     */
    public Digest storeBlob(Principal actor, ModelName model, InputStream content, long maxBytes) {
        store.read(tx -> {
            AccessControl.require(tx, actor, Role.CONTRIBUTOR, model);
            Lookups.model(tx, model);
            return null;
        });
        return blobs.put(content, maxBytes);
    }

    /** The version's artifact as the blob store holds it, or empty when the registry does not hold it. */
    public Optional<StoredArtifact> artifact(Principal actor, ModelName model, VersionNumber number) {
        ModelVersion v = version(actor, model, number);
        return v.artifactDigest().flatMap(d -> new ArtifactBlobs(blobs).find(d));
    }

    /**
     * The stored bytes of a version's artifact: with {@code path} null the file (or, for a directory, its manifest
     * text); with a path, that file of a directory (checked against traversal, and it must be listed). NOT_FOUND
     * when the registry does not hold it. The caller closes the stream.
     */
    public InputStream artifactContent(Principal actor, ModelName model, VersionNumber number, String path) {
        ArtifactPath file = path == null ? null : ArtifactPath.of(path);
        StoredArtifact artifact = artifact(actor, model, number).orElseThrow(() -> RegentException.notFound(
                "the registry does not hold the artifact of " + model + " version " + number + "; see its source"));
        ArtifactBlobs stored = new ArtifactBlobs(blobs);
        if (file == null) {
            return stored.open(artifact.digest());
        }
        if (artifact.kind() != ArtifactKind.DIRECTORY) {
            throw RegentException.invalid("the artifact of " + model + " version " + number + " is a single file; "
                    + "download it without a path");
        }
        ArtifactManifest.Entry entry = artifact.manifest().find(file.value()).orElseThrow(() -> RegentException.notFound(
                "the artifact of " + model + " version " + number + " has no file '" + file + "'"));
        return stored.open(entry.digest());
    }

    /** Annotates a version (description, tags). */
    public OperationReport updateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change,
                                         boolean dryRun) {
        return updateVersion(actor, model, number, change, v -> true, dryRun);
    }

    /** Annotates a version only if {@code stillAsRead} holds for its current state (see updateModel). */
    public OperationReport updateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change,
                                         java.util.function.Predicate<ModelVersion> stillAsRead, boolean dryRun) {
        return runner.run(new UpdateVersion(actor, model, number, change, policy.complianceTags().keySet(), stillAsRead), dryRun);
    }

    /** Tombstones a version; refused while it is in Staging or Production. */
    public OperationReport deleteVersion(Principal actor, ModelName model, VersionNumber number, Reason reason,
                                         boolean dryRun) {
        return runner.run(new DeleteVersion(actor, model, number, reason), dryRun);
    }

    /** The live version, or NOT_FOUND. */
    public ModelVersion version(Principal actor, ModelName model, VersionNumber number) {
        requireRead(actor, model);
        return hot.get(new HotReads.VersionKey(model, number), () -> store.read(tx -> Lookups.version(tx, model, number)));
    }

    /** The highest-numbered live version in each stage that has one, in stage order; NOT_FOUND for a missing model. */
    public List<ModelVersion> latestPerStage(Principal actor, ModelName model) {
        requireRead(actor, model);
        return hot.get(new HotReads.LatestKey(model), () -> store.read(tx -> {
            Lookups.model(tx, model);
            return tx.latestPerStage(model);
        }));
    }

    /** Live versions of a model in number order after {@code afterNumber} (0 for the first page), at most {@code limit}. */
    public List<ModelVersion> versions(Principal actor, ModelName model, int afterNumber, int limit) {
        checkPage(limit);
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.model(tx, model);
            return tx.listVersions(model, afterNumber, limit);
        });
    }

    // ---- stages and aliases ----

    /** Moves a version to a stage through the stage's gates; an exclusive stage's current holder is archived. */
    public OperationReport promote(Principal actor, ModelName model, VersionNumber number, Stage target, Reason reason,
                                   boolean dryRun) {
        return runner.run(new Promote(actor, model, number, target, reason, gates), dryRun);
    }

    /** Returns an exclusive stage to its previous known-good holder, or to {@code to} (nullable) if it held the stage. */
    public OperationReport rollback(Principal actor, ModelName model, Stage stage, Reason reason, VersionNumber to,
                                    boolean dryRun) {
        return runner.run(new RollbackStage(actor, model, stage, reason, to, rollbackGuard), dryRun);
    }

    /** Creates or moves an alias; protected aliases pass their gates. */
    public OperationReport setAlias(Principal actor, ModelName model, AliasName alias, VersionNumber number, Reason reason,
                                    boolean dryRun) {
        return runner.run(new SetAlias(actor, model, alias, number, reason, gates), dryRun);
    }

    /** Removes an alias, or NOT_FOUND. */
    public OperationReport deleteAlias(Principal actor, ModelName model, AliasName alias, Reason reason, boolean dryRun) {
        return runner.run(new DeleteAlias(actor, model, alias, reason), dryRun);
    }

    /** The model's stage history, oldest first. */
    public List<Transition> history(Principal actor, ModelName model) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.model(tx, model);
            return tx.transitions(model);
        });
    }

    // ---- governance ----

    /** Writes a new revision of the version's model card. */
    public OperationReport setCard(Principal actor, ModelName model, VersionNumber number, ModelCard card, boolean dryRun) {
        return runner.run(new SetCard(actor, model, number, card), dryRun);
    }

    /** The version's current card revision, if it has a card. */
    public Optional<CardRevision> card(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.latestCard(model, number);
        });
    }

    /** Every card revision of the version, oldest first. */
    public List<CardRevision> cardRevisions(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.cardRevisions(model, number);
        });
    }

    /** Attaches evidence to a version (content stored content-addressed; eval reports parsed and validated). */
    public OperationReport addEvidence(Principal actor, NewEvidence request, boolean dryRun) {
        byte[] id = new byte[10];
        random.nextBytes(id);
        return runner.run(new AddEvidence(actor, request, blobs, new EvidenceId("ev-" + HexFormat.of().formatHex(id))), dryRun);
    }

    /** The evidence of that id, or NOT_FOUND. */
    public Evidence evidence(Principal actor, EvidenceId id) {
        return store.read(tx -> {
            Evidence e = tx.findEvidence(id).orElseThrow(() -> RegentException.notFound("evidence " + id + " not found"));
            if (!AccessControl.mayRead(tx, actor, e.model())) {
                throw RegentException.notFound("evidence " + id + " not found");
            }
            return e;
        });
    }

    /** The evidence attached to a version, oldest first (revoked included). */
    public List<Evidence> evidenceOf(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            return tx.evidenceOf(model, number);
        });
    }

    /** The stored content of evidence, when it was uploaded rather than referenced. */
    public Optional<java.io.InputStream> evidenceContent(Principal actor, EvidenceId id) {
        Evidence e = evidence(actor, id);
        return e.stored() ? blobs.open(e.digest()) : Optional.empty();
    }

    /** Revokes evidence: it supports nothing from now on. */
    public OperationReport revokeEvidence(Principal actor, EvidenceId id, Reason reason, boolean dryRun) {
        Evidence e = evidence(actor, id);
        return runner.run(new RevokeEvidence(actor, id, reason, e.model()), dryRun);
    }

    /** Sets a compliance tag backed by evidence. */
    public OperationReport setComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, EvidenceId evidence,
                                            boolean dryRun) {
        return runner.run(new SetComplianceTag(actor, model, number, tag, evidence, policy), dryRun);
    }

    /** Removes a compliance tag. */
    public OperationReport removeComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, Reason reason,
                                               boolean dryRun) {
        return runner.run(new RemoveComplianceTag(actor, model, number, tag, reason), dryRun);
    }

    /** The version's compliance tags with whether each is still supported (its evidence unrevoked and of a supporting kind). */
    public List<TagSupport> complianceTags(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.version(tx, model, number);
            List<Evidence> evidence = tx.evidenceOf(model, number);
            return tx.complianceTags(model, number).stream().map(t -> TagSupport.of(t, evidence, policy)).toList();
        });
    }

    /** Records an approval or rejection of the version for a target. Approvers only; never the version's creator. */
    public OperationReport decide(Principal actor, ModelName model, VersionNumber number, GateTarget target, Decision decision,
                                  String comment, boolean dryRun) {
        return runner.run(new Decide(actor, model, number, target, decision, comment, !authenticated), dryRun);
    }

    /** Every decision on the version, classified as current, stale or superseded. */
    public List<ApprovalView> approvals(Principal actor, ModelName model, VersionNumber number) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            ModelVersion version = Lookups.version(tx, model, number);
            GateContext ctx = GateContext.load(tx, version, GateTarget.of(Stage.PRODUCTION), version.createdBy());
            return ApprovalView.classify(ctx.approvals(), ctx.reviewDigest());
        });
    }

    /** Evaluates every gate for moving the version to the target on behalf of the requester; changes nothing. */
    public List<Finding> gates(Principal requester, ModelName model, VersionNumber number, GateTarget target) {
        return store.read(tx -> {
            AccessControl.requireRead(tx, requester, model);
            return gates.evaluate(GateContext.load(tx, Lookups.version(tx, model, number), target, requester));
        });
    }

    // ---- audit ----

    /** Audit entries in sequence order matching the query: one model's for its viewers, the whole log for global viewers. */
    public List<AuditEntry> audit(Principal actor, AuditQuery query) {
        return store.read(tx -> {
            if (query.model() != null) {
                AccessControl.requireRead(tx, actor, query.model());
            } else {
                AccessControl.require(tx, actor, Role.VIEWER, null);
            }
            return tx.auditEntries(query);
        });
    }

    private static void checkPage(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw RegentException.invalid("page size must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
    }
}
