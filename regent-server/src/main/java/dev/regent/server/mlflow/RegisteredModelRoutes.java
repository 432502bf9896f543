package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowResponses;
import dev.regent.api.mlflow.MlflowTag;
import dev.regent.core.model.Description;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.registry.Annotations;
import dev.regent.server.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** registered-models/*: create, rename, update, delete, get, latest versions, tags. */
final class RegisteredModelRoutes {
    private RegisteredModelRoutes() {
    }

    static Reply create(MlflowCall c) {
        ModelName name = c.model();
        String description = c.params().optional("description");
        c.applied(c.registry().createModel(c.actor(), name, description == null ? Description.EMPTY : Description.of(description),
                tags(c.params().tags()), false), false);
        return Reply.ok(new MlflowResponses.OneModel(new Views(c.registry(), c.actor()).model(name)));
    }

    /**
     * Renames through the core's rename: versions, stages, aliases and per-model grants follow the model; a taken
     * name is RESOURCE_ALREADY_EXISTS, a name the policy would govern with other gates is refused.
     */
    static Reply rename(MlflowCall c) {
        ModelName name = c.model();
        ModelName newName = c.model("new_name");
        c.applied(c.registry().renameModel(c.actor(), name, newName, MlflowCall.reason("renamed").text(), false), false);
        return Reply.ok(new MlflowResponses.OneModel(new Views(c.registry(), c.actor()).model(newName)));
    }

    static Reply update(MlflowCall c) {
        ModelName name = c.model();
        String description = c.params().optional("description");
        if (description != null) {
            c.applied(c.registry().updateModel(c.actor(), name, new Annotations(Description.of(description), Map.of(), Set.of()),
                    false), false);
        }
        return Reply.ok(new MlflowResponses.OneModel(new Views(c.registry(), c.actor()).model(name)));
    }

    static Reply delete(MlflowCall c) {
        c.applied(c.registry().deleteModel(c.actor(), c.model(), MlflowCall.reason("deleted"), false), false);
        return Reply.ok(Map.of());
    }

    static Reply get(MlflowCall c) {
        return Reply.hot(new MlflowResponses.OneModel(new Views(c.registry(), c.actor()).model(c.model())));
    }

    /** The latest version in each requested stage (all stages when none); a stage without versions is simply absent. */
    static Reply latestVersions(MlflowCall c) {
        ModelName name = c.model();
        List<Stage> stages = c.params().strings("stages").stream().map(Stage::parse).toList();
        Views views = new Views(c.registry(), c.actor());
        // as MLflow answers it: the versions without their aliases
        return Reply.hot(new MlflowResponses.Versions(views.latestPerStage(name, stages).stream()
                .map(v -> Views.version(v, Map.of())).toList(), null));
    }

    static Reply setTag(MlflowCall c) {
        ModelName name = c.model();
        String key = c.params().required("key");
        String value = c.params().optional("value");
        c.applied(c.registry().updateModel(c.actor(), name, new Annotations(null, Map.of(key, value == null ? "" : value),
                Set.of()), false), false);
        return Reply.ok(Map.of());
    }

    /** Deleting a tag the model does not have succeeds and changes nothing, as in MLflow (re-runnable clean-ups). */
    static Reply deleteTag(MlflowCall c) {
        ModelName name = c.model();
        String key = c.params().required("key");
        c.applied(c.registry().updateModel(c.actor(), name, new Annotations(null, Map.of(), Set.of(key)), false), false);
        return Reply.ok(Map.of());
    }

    /** MLflow's tag list as Regent tags; a key given twice keeps its last value, as MLflow does. */
    static Tags tags(List<MlflowTag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return Tags.of(map);
    }
}
