package dev.regent.store;

import dev.regent.core.access.Grant;
import dev.regent.core.access.PrincipalRecord;
import dev.regent.core.access.TokenRecord;
import dev.regent.core.approval.Approval;
import dev.regent.core.audit.AuditColumns;
import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.StoredEntryBytes;
import dev.regent.core.audit.merkle.Hash;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.audit.tree.CachedLeaf;
import dev.regent.core.audit.tree.StoredCheckpoint;
import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.ComplianceTag;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.evidence.EvidenceId;
import dev.regent.core.evidence.Revocation;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.search.SearchQuery;
import dev.regent.core.store.StoreFailure;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One open store transaction: resolves model names to live rows and delegates to the table classes. Writes
 * naming a model or version that is not live fail with NOT_FOUND; reads return empty. In a read transaction
 * every write is refused before it reaches the database.
 */
final class JdbcStoreTransaction extends OutboxTransaction implements StoreTransaction {
    private final boolean readOnly;
    private final ModelRows models;
    private final VersionRows versions;
    private final AliasRows aliases;
    private final TransitionRows transitions;
    private final AuditRows audit;
    private final AuditPageReader auditPages;
    private final AuditColumnReader auditColumns;
    private final PrincipalRows principals;
    private final CardRows cards;
    private final EvidenceRows evidence;
    private final ApprovalRows approvals;
    private final PolicyRows policies;
    private final TokenRows tokens;
    private final IdempotencyRows idempotency;
    private final AuditTreeRows auditTree;
    private final TileHashRows tileHashes;
    private final SearchRows search;
    private boolean auditLogLocked;

    JdbcStoreTransaction(Sql sql, boolean readOnly, dev.regent.store.secrets.SecretSeal seal) {
        super(sql, readOnly, seal);
        this.readOnly = readOnly;
        // a read-only transaction is one snapshot, and SQLite has one writer at a time: what it read stays so
        this.models = new ModelRows(sql, readOnly || sql.dialect() instanceof SqliteDialect);
        this.versions = new VersionRows(sql);
        this.aliases = new AliasRows(sql);
        this.transitions = new TransitionRows(sql);
        this.audit = new AuditRows(sql);
        this.auditPages = new AuditPageReader(sql);
        this.auditColumns = new AuditColumnReader(sql);
        this.principals = new PrincipalRows(sql);
        this.cards = new CardRows(sql);
        this.evidence = new EvidenceRows(sql);
        this.approvals = new ApprovalRows(sql);
        this.policies = new PolicyRows(sql);
        this.tokens = new TokenRows(sql);
        this.idempotency = new IdempotencyRows(sql);
        this.auditTree = new AuditTreeRows(sql);
        this.tileHashes = new TileHashRows(sql, readOnly);
        this.search = new SearchRows(sql);
    }

    // ---- models ----

    @Override
    public Optional<Model> findModel(ModelName name) {
        return models.find(name);
    }

    @Override
    public boolean modelExists(ModelName name) {
        return models.liveId(name).isPresent(); // known without a statement once the transaction locked the model
    }

    @Override
    public Optional<Model> findModelByKey(ModelName name) {
        return models.findByKey(name);
    }

    @Override
    public List<Model> listModels(ModelName afterName, int limit) {
        return limit <= 0 ? List.of() : models.list(afterName, limit);
    }

    @Override
    public void insertModel(Model model) {
        writing("insertModel");
        models.insert(model);
    }

    @Override
    public void updateModel(Model model) {
        writing("updateModel");
        models.update(model);
    }

    @Override
    public void renameModel(ModelName from, ModelName to, Instant at) {
        writing("renameModel");
        models.rename(from, to, at);
        renameWebhookScope(from, to);
    }

    @Override
    public void touchModel(ModelName name, Instant at) {
        writing("touchModel");
        models.touch(name, at);
    }

    @Override
    public void deleteModel(ModelName name, Instant at) {
        writing("deleteModel");
        models.delete(name, at);
    }

    @Override
    public boolean lockModel(ModelName name) {
        writing("lockModel");
        return models.lock(name);
    }

    // ---- search ----

    @Override
    public List<Model> searchModels(SearchQuery query, Set<ModelName> within, int offset, int limit) {
        return limit <= 0 ? List.of() : search.models(query, within, offset, limit);
    }

    @Override
    public List<ModelVersion> searchVersions(SearchQuery query, Set<ModelName> within, int offset, int limit) {
        return limit <= 0 ? List.of() : search.versions(query, within, offset, limit);
    }

    // ---- versions ----

    @Override
    public VersionNumber nextVersionNumber(ModelName model) {
        writing("nextVersionNumber");
        return models.nextVersionNumber(model);
    }

    @Override
    public void insertVersion(ModelVersion version) {
        writing("insertVersion");
        versions.insert(models.requireLiveId(version.model()), version);
    }

    @Override
    public Optional<ModelVersion> findVersion(ModelName model, VersionNumber number) {
        return models.liveId(model).flatMap(id -> versions.find(model, id, number, false));
    }

    @Override
    public Optional<ModelVersion> findVersionIncludingDeleted(ModelName model, VersionNumber number) {
        return models.liveId(model).flatMap(id -> versions.find(model, id, number, true));
    }

    @Override
    public List<ModelVersion> listVersions(ModelName model, int afterNumber, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return models.liveId(model).map(id -> versions.page(model, id, Math.max(afterNumber, 0), limit)).orElse(List.of());
    }

    @Override
    public dev.regent.core.store.VersionSummary versionSummary(ModelName model) {
        return models.liveId(model).map(versions::summary).orElse(dev.regent.core.store.VersionSummary.NONE);
    }

    @Override
    public Optional<ModelVersion> findVersionByDigest(ModelName model, Digest digest) {
        return models.liveId(model).flatMap(id -> versions.byDigest(model, id, digest));
    }

    @Override
    public void updateVersionAnnotations(ModelName model, VersionNumber number, Description description, Tags tags,
                                         Instant at) {
        writing("updateVersionAnnotations");
        versions.updateAnnotations(model, models.requireLiveId(model), number, description, tags, at);
    }

    @Override
    public void setStage(ModelName model, VersionNumber number, Stage stage, Instant at) {
        writing("setStage");
        versions.setStage(model, models.requireLiveId(model), number, stage, at);
    }

    @Override
    public List<ModelVersion> stageHolders(ModelName model, Stage stage) {
        return models.liveId(model).map(id -> versions.byStage(model, id, stage)).orElse(List.of());
    }

    @Override
    public List<ModelVersion> latestPerStage(ModelName model) {
        return models.liveId(model).map(id -> versions.latestPerStage(model, id)).orElse(List.of());
    }

    @Override
    public void deleteVersion(ModelName model, VersionNumber number, Instant at) {
        writing("deleteVersion");
        versions.delete(model, models.requireLiveId(model), number, at);
    }

    // ---- stage history ----

    @Override
    public void appendTransition(Transition transition) {
        writing("appendTransition");
        transitions.append(models.requireLiveId(transition.model()), transition);
    }

    @Override
    public List<Transition> transitions(ModelName model) {
        return models.liveId(model).map(id -> transitions.of(model, id)).orElse(List.of());
    }

    // ---- aliases ----

    @Override
    public SortedMap<AliasName, VersionNumber> aliases(ModelName model) {
        return Collections.unmodifiableSortedMap(models.liveId(model).map(aliases::of).orElseGet(TreeMap::new));
    }

    @Override
    public void setAlias(ModelName model, AliasName alias, VersionNumber version, Instant at) {
        writing("setAlias");
        aliases.set(requireLiveVersion(model, version), alias, version, at);
    }

    @Override
    public boolean deleteAlias(ModelName model, AliasName alias) {
        writing("deleteAlias");
        return models.liveId(model).map(id -> aliases.delete(id, alias)).orElse(false);
    }

    // ---- audit ----

    @Override
    public AuditEntry appendAudit(AuditEntry draft) {
        writing("appendAudit");
        return audit.append(draft);
    }

    @Override
    public List<AuditEntry> auditEntries(AuditQuery query) {
        lockAuditLogInWrites();
        return auditPages.entries(query);
    }

    // ---- principals ----

    @Override
    public Optional<PrincipalRecord> findPrincipal(Principal principal) {
        return principals.find(principal);
    }

    @Override
    public List<PrincipalRecord> listPrincipals() {
        return principals.list();
    }

    @Override
    public long countPrincipals() {
        return principals.count();
    }

    @Override
    public void insertPrincipal(PrincipalRecord record) {
        writing("insertPrincipal");
        principals.insert(record);
    }

    @Override
    public void addGrant(Principal principal, Grant grant) {
        writing("addGrant");
        principals.addGrant(principal, grant);
    }

    @Override
    public boolean removeGrant(Principal principal, Grant grant) {
        writing("removeGrant");
        return principals.removeGrant(principal, grant);
    }

    // ---- model cards ----

    @Override
    public Optional<CardRevision> latestCard(ModelName model, VersionNumber version) {
        return liveVersion(model, version).flatMap(id -> cards.latest(model, id, version));
    }

    @Override
    public List<CardRevision> cardRevisions(ModelName model, VersionNumber version) {
        return liveVersion(model, version).map(id -> cards.of(model, id, version)).orElse(List.of());
    }

    @Override
    public void insertCardRevision(CardRevision revision) {
        writing("insertCardRevision");
        cards.insert(requireLiveVersion(revision.model(), revision.version()), revision);
    }

    // ---- evidence and compliance tags ----

    @Override
    public void insertEvidence(Evidence e) {
        writing("insertEvidence");
        evidence.insert(requireLiveVersion(e.model(), e.version()), e);
    }

    @Override
    public Optional<Evidence> findEvidence(EvidenceId id) {
        return evidence.find(id);
    }

    @Override
    public List<Evidence> evidenceOf(ModelName model, VersionNumber version) {
        return liveVersion(model, version).map(id -> evidence.of(id, version)).orElse(List.of());
    }

    @Override
    public void revokeEvidence(EvidenceId id, Revocation revocation) {
        writing("revokeEvidence");
        evidence.revoke(id, revocation);
    }

    @Override
    public List<ComplianceTag> complianceTags(ModelName model, VersionNumber version) {
        return liveVersion(model, version).map(id -> evidence.tags(model, id, version)).orElse(List.of());
    }

    @Override
    public void putComplianceTag(ComplianceTag tag) {
        writing("putComplianceTag");
        evidence.putTag(requireLiveVersion(tag.model(), tag.version()), tag);
    }

    @Override
    public boolean removeComplianceTag(ModelName model, VersionNumber version, String tag) {
        writing("removeComplianceTag");
        return liveVersion(model, version).map(id -> evidence.removeTag(id, version, tag)).orElse(false);
    }

    // ---- approvals ----

    @Override
    public Approval insertApproval(Approval approval) {
        writing("insertApproval");
        return approvals.insert(requireLiveVersion(approval.model(), approval.version()), approval);
    }

    @Override
    public List<Approval> approvals(ModelName model, VersionNumber version) {
        return liveVersion(model, version).map(id -> approvals.of(model, id, version)).orElse(List.of());
    }

    // ---- policy revisions ----

    @Override
    public java.util.OptionalInt currentPolicyRevision() {
        return policies.current();
    }

    @Override
    public Optional<dev.regent.core.policy.PolicyRevision> findPolicyRevision(int number) {
        return policies.find(number);
    }

    @Override
    public List<dev.regent.core.policy.PolicyRevision> policyRevisions() {
        return policies.all();
    }

    @Override
    public void insertPolicyRevision(dev.regent.core.policy.PolicyRevision revision) {
        writing("insertPolicyRevision");
        policies.insert(revision);
    }

    // ---- tokens ----

    @Override
    public void insertToken(TokenRecord token) {
        writing("insertToken");
        tokens.insert(token);
    }

    @Override
    public Optional<TokenRecord> findTokenByHash(Digest secretHash) {
        return tokens.byHash(secretHash);
    }

    @Override
    public Optional<TokenRecord> findToken(String id) {
        return tokens.find(id);
    }

    @Override
    public List<TokenRecord> listTokens(Principal principal) {
        return tokens.list(principal);
    }

    @Override
    public void revokeToken(String id, Instant at) {
        writing("revokeToken");
        tokens.revoke(id, at);
    }

    // ---- idempotency keys ----

    @Override
    public Optional<Entry> findIdempotencyKey(Principal principal, String key) {
        return idempotency.find(principal, key);
    }

    @Override
    public void claimIdempotencyKey(Principal principal, String key, Digest requestFingerprint, Instant at) {
        IdempotencyRows.checkKey(key);
        writing("claimIdempotencyKey");
        idempotency.claim(principal, key, requestFingerprint, at);
    }

    @Override
    public void completeIdempotencyKey(Principal principal, String key, int status, String body) {
        IdempotencyRows.checkKey(key);
        writing("completeIdempotencyKey");
        idempotency.complete(principal, key, status, body);
    }

    @Override
    public void releaseIdempotencyKey(Principal principal, String key) {
        IdempotencyRows.checkKey(key);
        writing("releaseIdempotencyKey");
        idempotency.release(principal, key);
    }

    @Override
    public int expireIdempotencyKeys(Instant before) {
        writing("expireIdempotencyKeys");
        return idempotency.expire(before);
    }

    /** The live model's id when it has the live version. */
    private Optional<Long> liveVersion(ModelName model, VersionNumber version) {
        return models.liveId(model).filter(id -> versions.isLive(id, version));
    }

    /** The live model's id when it has the live version, or NOT_FOUND. */
    private long requireLiveVersion(ModelName model, VersionNumber version) {
        long id = models.requireLiveId(model);
        if (!versions.isLive(id, version)) {
            throw VersionRows.notFound(model, version);
        }
        return id;
    }

    // ---- audit tree ----

    @Override
    public long auditHead() {
        lockAuditLogInWrites();
        return auditTree.head();
    }

    @Override
    public List<StoredEntryBytes> auditBytes(long afterSeq, int limit) {
        lockAuditLogInWrites();
        return limit <= 0 ? List.of() : auditTree.bytes(afterSeq, limit);
    }

    @Override
    public void scanAudit(java.util.function.Consumer<dev.regent.core.audit.ScannedEntry> visitor) {
        lockAuditLogInWrites();
        auditColumns.scan(visitor);
    }

    @Override
    public List<AuditColumns> auditColumns(long afterSeq, int limit) {
        lockAuditLogInWrites();
        return limit <= 0 ? List.of() : auditColumns.page(afterSeq, limit);
    }

    @Override
    public Map<String, Long> auditModelHeads() {
        lockAuditLogInWrites();
        return auditTree.modelHeads();
    }

    @Override
    public List<CachedLeaf> auditLeaves(long afterSeq, int limit) {
        lockAuditLogInWrites();
        return limit <= 0 ? List.of() : auditTree.leaves(afterSeq, limit);
    }

    @Override
    public void insertCheckpoint(StoredCheckpoint checkpoint) {
        // no audit counter lock: the signer computed the checkpoint on a read snapshot, and a second signer of the same
        // size meets the primary key (StoreConflict) and compares, so appenders never wait for signing
        writing("insertCheckpoint");
        auditTree.insertCheckpoint(checkpoint);
    }

    @Override
    public void insertKeyTransition(dev.regent.core.audit.tree.StoredKeyTransition transition) {
        writing("insertKeyTransition");
        auditTree.insertKeyTransition(transition);
    }

    @Override
    public List<dev.regent.core.audit.tree.StoredKeyTransition> keyTransitions() {
        lockAuditLogInWrites();
        return auditTree.keyTransitions();
    }

    @Override
    public void insertCosignature(dev.regent.core.audit.tree.StoredCosignature cosignature) {
        // no audit counter lock either: a cosignature refers to a stored checkpoint and never changes the tree
        writing("insertCosignature");
        auditTree.insertCosignature(cosignature);
    }

    @Override
    public List<dev.regent.core.audit.tree.StoredCosignature> cosignatures(long size) {
        return auditTree.cosignatures(size);
    }

    @Override
    public List<dev.regent.core.audit.tree.StoredCosignature> cosignaturesBy(String witness, int keyId) {
        return auditTree.cosignaturesBy(witness, keyId);
    }

    @Override
    public Optional<StoredCheckpoint> checkpointOfSize(long size) {
        return auditTree.ofSize(size);
    }

    @Override
    public List<Hash> tileHashes(int level, long from, long to) {
        return tileHashes.tileHashes(level, from, to);
    }

    @Override
    public Optional<StoredCheckpoint> latestCheckpoint() {
        lockAuditLogInWrites();
        return auditTree.latest();
    }

    @Override
    public List<StoredCheckpoint> checkpoints() {
        lockAuditLogInWrites();
        return auditTree.all();
    }

    /**
     * A write transaction that reads the audit log or its checkpoints (signing one) first locks the audit counter,
     * once: otherwise, at PostgreSQL's READ COMMITTED, entries appended and checkpoints signed by other transactions
     * (other threads or other nodes) between its statements would look like a log that lost entries, a checkpoint
     * larger than the log, or a second checkpoint of the same size, and the signer would report an incident. Read
     * transactions need no lock: they run on one snapshot.
     */
    private void lockAuditLogInWrites() {
        if (!readOnly && !auditLogLocked) {
            auditTree.lockHead();
            auditLogLocked = true;
        }
    }

    private void writing(String method) {
        if (readOnly) {
            throw new StoreFailure("cannot " + method + " inside a read-only store transaction: use inTransaction for writes",
                    new IllegalStateException("write attempted through RegistryStore.read"));
        }
    }
}
