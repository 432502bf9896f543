package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowAlias;
import dev.regent.api.mlflow.MlflowModelVersion;
import dev.regent.api.mlflow.MlflowRegisteredModel;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Registry;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** Reads from the Registry shaped as MLflow's objects: models with latest versions and aliases, versions with aliases. */
final class Views {
    private static final int PAGE = Registry.MAX_PAGE;

    private final Registry registry;
    private final Principal actor;

    Views(Registry registry, Principal actor) {
        this.registry = registry;
        this.actor = actor;
    }

    /** The highest-numbered live version in each stage (only the given stages, or all when empty), in stage order. */
    List<ModelVersion> latestPerStage(ModelName model, List<Stage> stages) {
        // one indexed query, served from the registry's hot-read view while nothing changes
        return registry.latestPerStage(actor, model).stream().filter(v -> stages.isEmpty() || stages.contains(v.stage())).toList();
    }

    SortedMap<AliasName, VersionNumber> aliases(ModelName model) {
        return registry.overview(actor, model).aliases();
    }

    /** The model as MLflow shows it. */
    MlflowRegisteredModel model(ModelName name) {
        return model(registry.model(actor, name));
    }

    MlflowRegisteredModel model(Model model) {
        SortedMap<AliasName, VersionNumber> aliases = aliases(model.name());
        // as MLflow's latest_versions: versions without their aliases (the model lists them)
        List<MlflowModelVersion> latest = latestPerStage(model.name(), List.of()).stream()
                .map(v -> version(v, Map.of())).toList();
        List<MlflowAlias> wireAliases = aliases.entrySet().stream()
                .map(e -> new MlflowAlias(e.getKey().value(), e.getValue().toString())).toList();
        return MlflowRegisteredModel.of(model, latest, wireAliases);
    }

    /** The version as MLflow shows it. */
    MlflowModelVersion version(ModelName model, VersionNumber number) {
        return version(registry.version(actor, model, number), aliases(model));
    }

    static MlflowModelVersion version(ModelVersion v, Map<AliasName, VersionNumber> aliases) {
        List<String> names = aliases.entrySet().stream().filter(e -> e.getValue().equals(v.number()))
                .map(e -> e.getKey().value()).sorted().toList();
        return MlflowModelVersion.of(v, names);
    }
}
