package dev.regent.server.mlflow;

import dev.regent.api.mlflow.MlflowModelVersion;
import dev.regent.api.mlflow.MlflowResponses;
import dev.regent.api.mlflow.MlflowTag;
import dev.regent.core.error.RegentException;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.Annotations;
import dev.regent.core.registry.NewVersion;
import dev.regent.core.report.OperationReport;
import dev.regent.server.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** model-versions/*: create, update, transition-stage (through the gates), delete (soft), get, download URI, tags. */
final class ModelVersionRoutes {
    private ModelVersionRoutes() {
    }

    /**
     * Registers a version; a {@code regent.digest} tag becomes its artifact digest (the only time one can be given).
     * The source is recorded as given, a local path included (see {@link MlflowSources}); Regent never opens it.
     */
    static Reply create(MlflowCall c) {
        ModelName name = c.model();
        String runId = c.params().optional("run_id");
        SourceUri source = MlflowSources.of(c.params().required("source"), runId);
        Digest digest = null;
        List<MlflowTag> tags = new ArrayList<>();
        for (MlflowTag t : c.params().tags()) {
            if (t.key().equals(MlflowModelVersion.DIGEST_TAG)) {
                digest = Digest.parse(t.value());
            } else {
                tags.add(t);
            }
        }
        String runLink = c.params().optional("run_link");
        if (runLink != null && !runLink.isEmpty()) {
            tags.add(new MlflowTag(MlflowModelVersion.RUN_LINK_TAG, runLink));
        }
        String description = c.params().optional("description");
        NewVersion request = new NewVersion(name, source, digest, new Lineage(runId, null, null),
                null, null, description == null ? Description.EMPTY : Description.of(description),
                RegisteredModelRoutes.tags(tags));
        OperationReport report = c.applied(c.registry().registerVersion(c.actor(), request, false), false);
        String target = report.changes().get(0).target();
        VersionNumber number = VersionNumber.parse(target.substring(target.lastIndexOf('/') + 1));
        // a version just registered has no aliases (numbers are never reused), so the answer needs the version alone,
        // not the model's overview for its alias table
        return Reply.ok(new MlflowResponses.OneVersion(Views.version(c.registry().version(c.actor(), name, number), Map.of())));
    }

    static Reply update(MlflowCall c) {
        ModelName name = c.model();
        VersionNumber number = c.version();
        String description = c.params().optional("description");
        if (description != null) {
            c.applied(c.registry().updateVersion(c.actor(), name, number,
                    new Annotations(Description.of(description), Map.of(), Set.of()), false), false);
        }
        return Reply.ok(new MlflowResponses.OneVersion(new Views(c.registry(), c.actor()).version(name, number)));
    }

    /**
     * Moves the version through Regent's promotion (gates included). An exclusive stage's holder is archived by
     * Regent whatever {@code archive_existing_versions} says; the {@code Regent-Summary} header says what was done.
     */
    static Reply transition(MlflowCall c) {
        ModelName name = c.model();
        VersionNumber number = c.version();
        Stage stage = Stage.parse(c.params().required("stage"));
        boolean archive = c.params().bool("archive_existing_versions", false);
        if (archive && !stage.exclusive()) {
            throw RegentException.invalid("Model version transition cannot archive existing model versions because '"
                    + stage.label() + "' is not an Active stage. Valid stages are Staging and Production");
        }
        OperationReport report = c.applied(c.registry().promote(c.actor(), name, number, stage,
                MlflowCall.reason("stage transition"), false), true);
        return Reply.ok(new MlflowResponses.OneVersion(new Views(c.registry(), c.actor()).version(name, number)))
                .header("Regent-Summary", ascii(report.summary()));
    }

    static Reply delete(MlflowCall c) {
        c.applied(c.registry().deleteVersion(c.actor(), c.model(), c.version(), MlflowCall.reason("deleted"), false), false);
        return Reply.ok(Map.of());
    }

    static Reply get(MlflowCall c) {
        return Reply.hot(new MlflowResponses.OneVersion(new Views(c.registry(), c.actor()).version(c.model(), c.version())));
    }

    /** The version's source URI: Regent stores no artifacts of its own for MLflow versions. */
    static Reply downloadUri(MlflowCall c) {
        return Reply.ok(new MlflowResponses.DownloadUri(c.registry().version(c.actor(), c.model(), c.version()).source().value()));
    }

    static Reply setTag(MlflowCall c) {
        ModelName name = c.model();
        VersionNumber number = c.version();
        String key = c.params().required("key");
        if (key.equals(MlflowModelVersion.DIGEST_TAG)) {
            throw RegentException.invalid("tag '" + key + "' is the version's artifact digest, which is fixed at "
                    + "registration: give it as a tag of model-versions/create, or register a new version");
        }
        String value = c.params().optional("value");
        c.applied(c.registry().updateVersion(c.actor(), name, number, new Annotations(null, Map.of(key, value == null ? "" : value),
                Set.of()), false), false);
        return Reply.ok(Map.of());
    }

    /** Deleting a tag the version does not have succeeds and changes nothing, as in MLflow (re-runnable clean-ups). */
    static Reply deleteTag(MlflowCall c) {
        ModelName name = c.model();
        VersionNumber number = c.version();
        String key = c.params().required("key");
        if (key.equals(MlflowModelVersion.DIGEST_TAG)) {
            // shown as a tag, but it is the immutable digest: "deleted" must not answer 200 while it stays
            throw RegentException.invalid("tag '" + key + "' is the version's artifact digest, which is fixed at registration "
                    + "and cannot be deleted");
        }
        c.applied(c.registry().updateVersion(c.actor(), name, number, new Annotations(null, Map.of(), Set.of(key)), false), false);
        return Reply.ok(Map.of());
    }

    private static String ascii(String text) {
        return text.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
