package dev.regent.core.registry;

import dev.regent.core.error.RegentException;
import dev.regent.core.lifecycle.Reason;
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
import dev.regent.core.store.RegistryStore;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.Role;
import dev.regent.core.approval.Decision;
import dev.regent.core.artifact.ArtifactBlobs;
import dev.regent.core.artifact.ArtifactKind;
import dev.regent.core.blob.BlobStore;
import dev.regent.core.card.ModelCard;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.policy.GateTarget;
import dev.regent.core.policy.Policy;
import dev.regent.core.store.StoreTransaction;
import java.time.Clock;
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
    private final PolicyInEffect policies = new PolicyInEffect();
    private final RollbackGuard rollbackGuard = new GovernanceRollbackGuard();
    private final BlobStore blobs;
    private final boolean authenticated;
    private final HotReads hot;
    private final AccessFacet access;
    private final ArtifactFacet artifacts;
    private final SearchFacet search;
    private final GovernanceReads governance;
    private final PolicyFacet policyFacet;
    private final WebhookFacet webhooks;

    /**
     * Opens the registry service on a store. The policy in effect is registry state; {@code seedPolicy} becomes its
     * revision 1 only when the registry has none yet (a new registry, or one created before revisions were kept).
     *
     * @param random        source of evidence ids (a SecureRandom in production, seeded in tests)
     * @param seedPolicy    the policy to record as revision 1 of a registry that has no policy yet
     * @param authenticated whether principals are authenticated (server) or only asserted (local mode); recorded
     *                      on every approval
     */
    public Registry(RegistryStore store, Clock clock, RandomGenerator random, SourceRules sourceRules, Policy seedPolicy,
                    BlobStore blobs, boolean authenticated) {
        this(store, clock, random, sourceRules, constant(Objects.requireNonNull(seedPolicy, "seedPolicy")), blobs,
                authenticated);
    }

    /**
     * A registry whose seed policy is made only if the store has no policy yet: a short-lived process (a local-mode
     * command) then does not parse a policy file it will not use (issue 18: latency).
     */
    public Registry(RegistryStore store, Clock clock, RandomGenerator random, SourceRules sourceRules,
                    java.util.function.Supplier<Policy> seedPolicy, BlobStore blobs, boolean authenticated) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = new MutationRunner(store, clock, new TreeMap<>());
        this.random = Objects.requireNonNull(random, "random");
        this.sourceRules = Objects.requireNonNull(sourceRules, "sourceRules");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.authenticated = authenticated;
        this.hot = new HotReads(store, HotReads.configuredMaxAge());
        this.access = new AccessFacet(store, clock, random, runner, hot);
        this.search = new SearchFacet(store);
        this.artifacts = new ArtifactFacet(store, blobs, this);
        this.governance = new GovernanceReads(store, blobs, policies);
        this.policyFacet = new PolicyFacet(store, clock, runner, policies);
        this.webhooks = new WebhookFacet(store, clock, random, runner);
        policyFacet.seed(Objects.requireNonNull(seedPolicy, "seedPolicy"));
    }

    private static java.util.function.Supplier<Policy> constant(Policy policy) {
        return () -> policy;
    }

    private Registry(Registry base, String field, String value) {
        this.store = base.store;
        this.clock = base.clock;
        TreeMap<String, String> stamp = new TreeMap<>(base.runner.stamp());
        stamp.put(field, value);
        this.runner = new MutationRunner(base.store, base.clock, stamp);
        this.random = base.random;
        this.sourceRules = base.sourceRules;
        this.blobs = base.blobs;
        this.authenticated = base.authenticated;
        this.hot = base.hot;
        this.access = new AccessFacet(store, clock, random, runner, hot);
        this.search = base.search;
        this.artifacts = new ArtifactFacet(store, blobs, this);
        this.governance = base.governance;
        this.policyFacet = new PolicyFacet(store, clock, runner, policies);
        this.webhooks = new WebhookFacet(store, clock, random, runner);
    }

    /** Webhooks, their deliveries, and the event feed. */
    /**
     * Records a hand-over of the audit signing key (admins): the transition note, signed by the new key and (unless the
     * old key is lost) by the old one, with its audit entry. INVALID_ARGUMENT when the note does not open; refused when
     * it does not continue the recorded chain of keys or does not seal the stored tree ({@link RotateAuditKey}).
     */
    public OperationReport rotateAuditKey(Principal actor, String transitionNote, String reason, boolean dryRun) {
        dev.regent.core.audit.checkpoint.KeyTransition transition;
        try {
            transition = dev.regent.core.audit.checkpoint.KeyTransition.open(transitionNote);
        } catch (dev.regent.core.audit.checkpoint.InvalidNote e) {
            throw RegentException.invalid("not a key transition signed by its new key: " + e.getMessage());
        }
        return runner.run(new RotateAuditKey(actor, transitionNote, transition, reason == null ? "" : reason), dryRun);
    }

    public WebhookFacet webhooks() {
        return webhooks;
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

    /** Why writes cannot succeed for lack of space, while the store has reason to believe so (see RegistryStore). */
    public java.util.Optional<String> storageFull() {
        return store.storageFull();
    }

    /** The audit incident this process met (the log contradicting itself), if any: reported by /ready until a restart. */
    public java.util.Optional<String> auditIncident() {
        return store.auditIncident();
    }

    /** Artifacts: storing uploads, and reading a version's stored artifact. */
    public ArtifactFacet artifacts() {
        return artifacts;
    }

    /** Principals and tokens. */
    public AccessFacet access() {
        return access;
    }

    /** Searches of models and versions. */
    public SearchFacet search() {
        return search;
    }

    /** Reads of cards, evidence, tags, approvals, gates, history and the audit log. */
    public GovernanceReads governance() {
        return governance;
    }

    /** The policy in effect, its revisions, and applying a new one. */
    public PolicyFacet policies() {
        return policyFacet;
    }

    /** The read check of the hot paths, on the principal record from the hot-read view. */
    private void requireRead(Principal actor, ModelName model) {
        java.util.Optional<PrincipalRecord> record = hot.get(new HotReads.PrincipalKey(actor),
                () -> store.read(tx -> tx.findPrincipal(actor)));
        AccessControl.require(AccessControl.decide(record, actor, Role.VIEWER, model), Role.VIEWER);
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
        return runner.run(new RenameModel(actor, from, to, reason, policies), dryRun);
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
        return runner.run(new RegisterVersion(actor, request, sourceRules, policies,
                new ArtifactBlobs(blobs), stored), dryRun);
    }

    /** Annotates a version (description, tags). */
    public OperationReport updateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change,
                                         boolean dryRun) {
        return updateVersion(actor, model, number, change, v -> true, dryRun);
    }

    /** Annotates a version only if {@code stillAsRead} holds for its current state (see updateModel). */
    public OperationReport updateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change,
                                         java.util.function.Predicate<ModelVersion> stillAsRead, boolean dryRun) {
        return runner.run(new UpdateVersion(actor, model, number, change, policies, stillAsRead), dryRun);
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
            Lookups.requireModel(tx, model);
            return tx.latestPerStage(model);
        }));
    }

    /** Live versions of a model in number order after {@code afterNumber} (0 for the first page), at most {@code limit}. */
    public List<ModelVersion> versions(Principal actor, ModelName model, int afterNumber, int limit) {
        checkPage(limit);
        return store.read(tx -> {
            AccessControl.requireRead(tx, actor, model);
            Lookups.requireModel(tx, model);
            return tx.listVersions(model, afterNumber, limit);
        });
    }

    // ---- stages and aliases ----

    /** Moves a version to a stage through the stage's gates; an exclusive stage's current holder is archived. */
    public OperationReport promote(Principal actor, ModelName model, VersionNumber number, Stage target, Reason reason,
                                   boolean dryRun) {
        return runner.run(new Promote(actor, model, number, target, reason, policies), dryRun);
    }

    /** Returns an exclusive stage to its previous known-good holder, or to {@code to} (nullable) if it held the stage. */
    public OperationReport rollback(Principal actor, ModelName model, Stage stage, Reason reason, VersionNumber to,
                                    boolean dryRun) {
        return runner.run(new RollbackStage(actor, model, stage, reason, to, rollbackGuard), dryRun);
    }

    /** Creates or moves an alias; protected aliases pass their gates. */
    public OperationReport setAlias(Principal actor, ModelName model, AliasName alias, VersionNumber number, Reason reason,
                                    boolean dryRun) {
        return runner.run(new SetAlias(actor, model, alias, number, reason, policies), dryRun);
    }

    /** Removes an alias, or NOT_FOUND. */
    public OperationReport deleteAlias(Principal actor, ModelName model, AliasName alias, Reason reason, boolean dryRun) {
        return runner.run(new DeleteAlias(actor, model, alias, reason), dryRun);
    }

    // ---- governance ----

    /** Writes a new revision of the version's model card. */
    public OperationReport setCard(Principal actor, ModelName model, VersionNumber number, ModelCard card, boolean dryRun) {
        return runner.run(new SetCard(actor, model, number, card), dryRun);
    }

    /** Attaches evidence to a version (content stored content-addressed; eval reports parsed and validated). */
    public OperationReport addEvidence(Principal actor, NewEvidence request, boolean dryRun) {
        byte[] id = new byte[10];
        random.nextBytes(id);
        return runner.run(new AddEvidence(actor, request, blobs, new EvidenceId("ev-" + HexFormat.of().formatHex(id))), dryRun);
    }

    /** Revokes evidence: it supports nothing from now on. */
    public OperationReport revokeEvidence(Principal actor, EvidenceId id, Reason reason, boolean dryRun) {
        Evidence e = governance.evidence(actor, id);
        return runner.run(new RevokeEvidence(actor, id, reason, e.model()), dryRun);
    }

    /** Sets a compliance tag backed by evidence. */
    public OperationReport setComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, EvidenceId evidence,
                                            boolean dryRun) {
        return runner.run(new SetComplianceTag(actor, model, number, tag, evidence, policies), dryRun);
    }

    /** Removes a compliance tag. */
    public OperationReport removeComplianceTag(Principal actor, ModelName model, VersionNumber number, String tag, Reason reason,
                                               boolean dryRun) {
        return runner.run(new RemoveComplianceTag(actor, model, number, tag, reason), dryRun);
    }

    /** Records an approval or rejection of the version for a target. Approvers only; never the version's creator. */
    public OperationReport decide(Principal actor, ModelName model, VersionNumber number, GateTarget target, Decision decision,
                                  String comment, boolean dryRun) {
        return runner.run(new Decide(actor, model, number, target, decision, comment, !authenticated, policies), dryRun);
    }

    private static void checkPage(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw RegentException.invalid("page size must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
    }
}
