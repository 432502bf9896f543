package dev.regent.core.store;

import dev.regent.core.audit.AuditEntry;
import dev.regent.core.audit.AuditQuery;
import dev.regent.core.lifecycle.Transition;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * What the registry reads and writes inside one transaction. "Live" objects are those not deleted: deleted
 * models and versions are tombstones that stay for audit and history but disappear from these reads. Methods
 * that name a model operate on the live model of that name and throw {@link StoreConflict} or return empty as
 * documented; they never see a tombstone unless they say so.
 */
public interface StoreTransaction extends PrincipalRecords, CardRecords, EvidenceRecords, ApprovalRecords, TokenRecords,
        IdempotencyRecords, AuditTreeRecords, RegistrySearch, PolicyRecords, WebhookRecords {

    // ---- models ----

    /** The live model of that name, exactly (names are case-sensitive, as in MLflow). */
    Optional<Model> findModel(ModelName name);

    /** Whether a live model has this name: no more than that, so the store need not read the model's row and tags. */
    boolean modelExists(ModelName name);

    /**
     * The live model whose name has the same {@linkplain ModelName#key() key} as {@code name}: the model of that
     * exact name, or the look-alike ("Fraud" for "fraud") that keeps the name from being taken.
     */
    Optional<Model> findModelByKey(ModelName name);

    /** Live models in name order, starting after {@code afterName} (exclusive, null for the first page), at most {@code limit}. */
    List<Model> listModels(ModelName afterName, int limit);

    /** Inserts a new live model; throws {@link StoreConflict} when a live model of that name, or of its key, exists. */
    void insertModel(Model model);

    /** Replaces the live model's description, tags and update time. */
    void updateModel(Model model);

    /**
     * Renames the live model {@code from} to {@code to} (its versions, aliases, cards, evidence and approvals follow,
     * as they hang off the model's row) and moves every per-model grant on {@code from} to {@code to}; a principal
     * already holding the same role on {@code to} keeps that one grant. Throws {@link StoreConflict} when another live
     * model holds the key of {@code to}, NOT_FOUND when {@code from} is not live.
     */
    void renameModel(ModelName from, ModelName to, Instant at);

    /** Tombstones the live model (and thereby hides its versions and aliases from live reads); its name may be reused. */
    void deleteModel(ModelName name, Instant at);

    /**
     * Moves the live model's last-updated time to {@code at}: a version of it was registered, deleted or changed
     * stage (MLflow's rule, which clients ordering by last_updated_timestamp rely on).
     */
    void touchModel(ModelName name, Instant at);

    /**
     * Locks the live model for the rest of this transaction so that concurrent writers of the same model
     * serialise (version numbering, stage exclusivity checks). Returns false when there is no live model.
     */
    boolean lockModel(ModelName name);

    // ---- versions ----

    /** Allocates the model's next version number: 1, 2, 3… with no gaps among committed transactions. */
    VersionNumber nextVersionNumber(ModelName model);

    /** Inserts a version (its number from {@link #nextVersionNumber}); throws {@link StoreConflict} on a duplicate. */
    void insertVersion(ModelVersion version);

    /** The live version of a live model. */
    Optional<ModelVersion> findVersion(ModelName model, VersionNumber number);

    /** A version of a live model, including a deleted one (for rollback history and audit). */
    Optional<ModelVersion> findVersionIncludingDeleted(ModelName model, VersionNumber number);

    /** Live versions of a live model, in number order, after {@code afterNumber} (0 for the first page), at most {@code limit}. */
    List<ModelVersion> listVersions(ModelName model, int afterNumber, int limit);

    /** The live model's live-version count and highest live number in one query ({@link VersionSummary#NONE} without a live model). */
    VersionSummary versionSummary(ModelName model);

    /** The live version of the model registered with this artifact digest, if any. */
    Optional<ModelVersion> findVersionByDigest(ModelName model, Digest digest);

    /** Replaces the mutable annotations of a live version: description, tags, update time. */
    void updateVersionAnnotations(ModelName model, VersionNumber number, Description description, Tags tags, Instant at);

    /**
     * Sets a live version's stage. For exclusive stages the database itself holds "at most one live version per
     * model": setting a second one throws {@link StoreConflict}.
     */
    void setStage(ModelName model, VersionNumber number, Stage stage, Instant at);

    /** The live version currently holding the stage (for exclusive stages at most one). */
    List<ModelVersion> stageHolders(ModelName model, Stage stage);

    /** The highest-numbered live version in each stage that has one, in stage order (one query, whatever the count). */
    List<ModelVersion> latestPerStage(ModelName model);

    /** Tombstones a live version and removes aliases pointing at it. */
    void deleteVersion(ModelName model, VersionNumber number, Instant at);

    // ---- stage history ----

    /** Appends a stage transition; its id orders history. */
    void appendTransition(Transition transition);

    /** The live model's stage history in the order it happened (including transitions of deleted versions). */
    List<Transition> transitions(ModelName model);

    // ---- aliases ----

    /** The live model's aliases, sorted by name. */
    SortedMap<AliasName, VersionNumber> aliases(ModelName model);

    /** Creates or moves an alias of a live model to a live version. */
    void setAlias(ModelName model, AliasName alias, VersionNumber version, Instant at);

    /** Removes an alias; returns whether it existed. */
    boolean deleteAlias(ModelName model, AliasName alias);

    // ---- audit ----

    /**
     * Appends an audit entry, assigning the next sequence number under one lock so that concurrent writers can
     * neither interleave nor skip numbers; returns the entry with its number. Entries are never updated or deleted.
     * The entry is stored as its canonical bytes ({@link dev.regent.core.audit.AuditEncoding}), linked to the model's
     * previous entry; an entry longer than {@link dev.regent.core.audit.AuditEncoding#MAX_BYTES} is refused
     * (INVALID_ARGUMENT), and so is the change it would record.
     */
    AuditEntry appendAudit(AuditEntry draft);

    /**
     * Audit entries matching the query, decoded from their bytes. Never omits one silently: an entry whose derived
     * columns disagree with its bytes, or a break in a model's hash chain, fails the read with an
     * {@link dev.regent.core.audit.AuditIncident}.
     */
    List<AuditEntry> auditEntries(AuditQuery query);
}
