package dev.regent.api.mlflow;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.regent.core.model.Model;
import java.util.List;

/**
 * MLflow's RegisteredModel on the wire: times in epoch milliseconds, {@code user_id} the creating principal,
 * {@code latest_versions} the latest version in each stage, {@code aliases} with their versions as strings.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MlflowRegisteredModel(String name, Long creation_timestamp, Long last_updated_timestamp, String user_id,
                                    String description, List<MlflowModelVersion> latest_versions, List<MlflowTag> tags,
                                    List<MlflowAlias> aliases) {
    /** The wire form of a Regent model. */
    public static MlflowRegisteredModel of(Model m, List<MlflowModelVersion> latestVersions, List<MlflowAlias> aliases) {
        return new MlflowRegisteredModel(m.name().value(), m.createdAt().toEpochMilli(), m.updatedAt().toEpochMilli(),
                m.createdBy().name(), m.description().text(), List.copyOf(latestVersions),
                m.tags().values().entrySet().stream().map(e -> new MlflowTag(e.getKey(), e.getValue())).toList(),
                List.copyOf(aliases));
    }
}
