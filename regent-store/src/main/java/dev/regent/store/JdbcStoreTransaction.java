package dev.regent.store;

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
import dev.regent.core.store.StoreFailure;
import dev.regent.core.store.StoreTransaction;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One open store transaction: resolves model names to live rows and delegates to the table classes. Writes
 * naming a model or version that is not live fail with NOT_FOUND; reads return empty. In a read transaction
 * every write is refused before it reaches the database.
 */
final class JdbcStoreTransaction implements StoreTransaction {
    private final boolean readOnly;
    private final ModelRows models;
    private final VersionRows versions;
    private final AliasRows aliases;
    private final TransitionRows transitions;
    private final AuditRows audit;

    JdbcStoreTransaction(Sql sql, boolean readOnly) {
        this.readOnly = readOnly;
        this.models = new ModelRows(sql);
        this.versions = new VersionRows(sql);
        this.aliases = new AliasRows(sql);
        this.transitions = new TransitionRows(sql);
        this.audit = new AuditRows(sql);
    }

    // ---- models ----

    @Override
    public Optional<Model> findModel(ModelName name) {
        return models.find(name);
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
    public void deleteModel(ModelName name, Instant at) {
        writing("deleteModel");
        models.delete(name, at);
    }

    @Override
    public boolean lockModel(ModelName name) {
        writing("lockModel");
        return models.lock(name);
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
        long id = models.requireLiveId(model);
        if (!versions.isLive(id, version)) {
            throw VersionRows.notFound(model, version);
        }
        aliases.set(id, alias, version, at);
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
        return audit.entries(query);
    }

    private void writing(String method) {
        if (readOnly) {
            throw new StoreFailure("cannot " + method + " inside a read-only store transaction: use inTransaction for writes",
                    new IllegalStateException("write attempted through RegistryStore.read"));
        }
    }
}
