package dev.regent.api.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regent.core.model.ModelVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MLflow's ModelVersion on the wire: version as a string, times in epoch milliseconds, {@code current_stage} the
 * Regent stage, {@code status} always READY (Regent registers synchronously), {@code user_id} the registering
 * principal. Unset fields are omitted, except {@code description}, {@code run_id} and {@code run_link}, which MLflow
 * 2.9.2 always writes ("" when empty; its server stores them as empty strings).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MlflowModelVersion(String name, String version, Long creation_timestamp, Long last_updated_timestamp,
                                 String user_id, String current_stage,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String description, String source,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String run_id,
                                 String status, List<MlflowTag> tags,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) String run_link, List<String> aliases) {
    /** The tag that carries a version's artifact digest (read-only after creation). */
    public static final String DIGEST_TAG = "regent.digest";
    /** The Regent tag that stores MLflow's run_link (shown as run_link, not among the tags). */
    public static final String RUN_LINK_TAG = "mlflow.run_link";
    public static final String READY = "READY";

    /** The wire form of a Regent version with the aliases that point at it. */
    public static MlflowModelVersion of(ModelVersion v, List<String> aliases) {
        List<MlflowTag> tags = new ArrayList<>();
        String runLink = "";
        for (Map.Entry<String, String> t : v.tags().values().entrySet()) {
            if (t.getKey().equals(RUN_LINK_TAG)) {
                runLink = t.getValue();
            } else {
                tags.add(new MlflowTag(t.getKey(), t.getValue()));
            }
        }
        v.artifactDigest().ifPresent(d -> tags.add(new MlflowTag(DIGEST_TAG, d.value())));
        return new MlflowModelVersion(v.model().value(), Integer.toString(v.number().value()), v.createdAt().toEpochMilli(),
                v.updatedAt().toEpochMilli(), v.createdBy().name(), v.stage().label(), v.description().text(),
                v.source().value(), v.lineage().runId() == null ? "" : v.lineage().runId(), READY, tags, runLink, List.copyOf(aliases));
    }
}
