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
import dev.regent.core.store.RegistryStore;
import java.time.Clock;
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
    private final SourceRules sourceRules;
    private final TransitionGates stageGates;
    private final AliasGates aliasGates;
    private final RollbackGuard rollbackGuard;

    public Registry(RegistryStore store, Clock clock, SourceRules sourceRules, TransitionGates stageGates,
                    AliasGates aliasGates, RollbackGuard rollbackGuard) {
        this.store = Objects.requireNonNull(store, "store");
        this.runner = new MutationRunner(store, Objects.requireNonNull(clock, "clock"));
        this.sourceRules = Objects.requireNonNull(sourceRules, "sourceRules");
        this.stageGates = Objects.requireNonNull(stageGates, "stageGates");
        this.aliasGates = Objects.requireNonNull(aliasGates, "aliasGates");
        this.rollbackGuard = Objects.requireNonNull(rollbackGuard, "rollbackGuard");
    }

    /** A registry without governance: lifecycle rules only. */
    public static Registry ungoverned(RegistryStore store, Clock clock, SourceRules sourceRules) {
        return new Registry(store, clock, sourceRules, TransitionGates.NONE, AliasGates.NONE, RollbackGuard.NONE);
    }

    // ---- models ----

    /** Creates a model; refused (ALREADY_EXISTS) when a live model of that name exists. */
    public OperationReport createModel(Principal actor, ModelName name, Description description, Tags tags, boolean dryRun) {
        return runner.run(new CreateModel(actor, name, description, tags), dryRun);
    }

    /** Changes a model's description and tags. */
    public OperationReport updateModel(Principal actor, ModelName name, Annotations change, boolean dryRun) {
        return runner.run(new UpdateModel(actor, name, change), dryRun);
    }

    /** Tombstones a model; refused while one of its versions is in Staging or Production. */
    public OperationReport deleteModel(Principal actor, ModelName name, Reason reason, boolean dryRun) {
        return runner.run(new DeleteModel(actor, name, reason), dryRun);
    }

    /** The live model, or NOT_FOUND. */
    public Model model(ModelName name) {
        return store.read(tx -> Lookups.model(tx, name));
    }

    /** The model with its stage holders and aliases, or NOT_FOUND. */
    public ModelOverview overview(ModelName name) {
        return store.read(tx -> {
            Model model = Lookups.model(tx, name);
            List<ModelVersion> versions = VersionPages.all(tx, name);
            Map<Stage, VersionNumber> holders = new EnumMap<>(Stage.class);
            for (ModelVersion v : versions) {
                if (v.stage().exclusive()) {
                    holders.put(v.stage(), v.number());
                }
            }
            VersionNumber latest = versions.isEmpty() ? null : versions.get(versions.size() - 1).number();
            return new ModelOverview(model, versions.size(), latest, holders, new TreeMap<>(tx.aliases(name)));
        });
    }

    /** Live models in name order after {@code after} (null for the first page), at most {@code limit} (1..1000). */
    public List<Model> models(ModelName after, int limit) {
        checkPage(limit);
        return store.read(tx -> tx.listModels(after, limit));
    }

    // ---- versions ----

    /** Registers a new immutable version; refused when its digest is already registered under the model. */
    public OperationReport registerVersion(Principal actor, NewVersion request, boolean dryRun) {
        return runner.run(new RegisterVersion(actor, request, sourceRules), dryRun);
    }

    /** Annotates a version (description, tags). */
    public OperationReport updateVersion(Principal actor, ModelName model, VersionNumber number, Annotations change,
                                         boolean dryRun) {
        return runner.run(new UpdateVersion(actor, model, number, change), dryRun);
    }

    /** Tombstones a version; refused while it is in Staging or Production. */
    public OperationReport deleteVersion(Principal actor, ModelName model, VersionNumber number, Reason reason,
                                         boolean dryRun) {
        return runner.run(new DeleteVersion(actor, model, number, reason), dryRun);
    }

    /** The live version, or NOT_FOUND. */
    public ModelVersion version(ModelName model, VersionNumber number) {
        return store.read(tx -> Lookups.version(tx, model, number));
    }

    /** Live versions of a model in number order after {@code afterNumber} (0 for the first page), at most {@code limit}. */
    public List<ModelVersion> versions(ModelName model, int afterNumber, int limit) {
        checkPage(limit);
        return store.read(tx -> {
            Lookups.model(tx, model);
            return tx.listVersions(model, afterNumber, limit);
        });
    }

    // ---- stages and aliases ----

    /** Moves a version to a stage through the stage's gates; an exclusive stage's current holder is archived. */
    public OperationReport promote(Principal actor, ModelName model, VersionNumber number, Stage target, Reason reason,
                                   boolean dryRun) {
        return runner.run(new Promote(actor, model, number, target, reason, stageGates), dryRun);
    }

    /** Returns an exclusive stage to its previous known-good holder, or to {@code to} (nullable) if it held the stage. */
    public OperationReport rollback(Principal actor, ModelName model, Stage stage, Reason reason, VersionNumber to,
                                    boolean dryRun) {
        return runner.run(new RollbackStage(actor, model, stage, reason, to, rollbackGuard), dryRun);
    }

    /** Creates or moves an alias; protected aliases pass their gates. */
    public OperationReport setAlias(Principal actor, ModelName model, AliasName alias, VersionNumber number, Reason reason,
                                    boolean dryRun) {
        return runner.run(new SetAlias(actor, model, alias, number, reason, aliasGates), dryRun);
    }

    /** Removes an alias, or NOT_FOUND. */
    public OperationReport deleteAlias(Principal actor, ModelName model, AliasName alias, Reason reason, boolean dryRun) {
        return runner.run(new DeleteAlias(actor, model, alias, reason), dryRun);
    }

    /** The model's stage history, oldest first. */
    public List<Transition> history(ModelName model) {
        return store.read(tx -> {
            Lookups.model(tx, model);
            return tx.transitions(model);
        });
    }

    // ---- audit ----

    /** Audit entries in sequence order matching the query. */
    public List<AuditEntry> audit(AuditQuery query) {
        return store.read(tx -> tx.auditEntries(query));
    }

    private static void checkPage(int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw RegentException.invalid("page size must be between 1 and " + MAX_PAGE + ", got " + limit);
        }
    }
}
