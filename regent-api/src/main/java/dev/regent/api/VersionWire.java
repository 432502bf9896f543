package dev.regent.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Description;
import dev.regent.core.model.Digest;
import dev.regent.core.model.Lineage;
import dev.regent.core.model.Metrics;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.model.Params;
import dev.regent.core.model.Principal;
import dev.regent.core.model.SourceUri;
import dev.regent.core.model.Stage;
import dev.regent.core.model.Tags;
import dev.regent.core.model.VersionNumber;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A version, as {@code version show --json}: every field, nulls included ({@code digest}, lineage), then
 * {@code aliases} (the aliases pointing at it, by name) when known.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record VersionWire(String model, int version, String stage, String source, String digest, String runId,
                          String datasetVersion, String codeVersion, SortedMap<String, Double> metrics,
                          SortedMap<String, String> params, String description, SortedMap<String, String> tags,
                          String createdBy, String createdAt, String updatedAt,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<String> aliases) {
    public VersionWire {
        metrics = metrics == null ? new TreeMap<>() : new TreeMap<>(metrics);
        params = params == null ? new TreeMap<>() : new TreeMap<>(params);
        tags = tags == null ? new TreeMap<>() : new TreeMap<>(tags);
        aliases = aliases == null ? null : List.copyOf(aliases);
    }

    /** Without aliases (the field is left out). */
    public static VersionWire of(ModelVersion v) {
        return of(v, null);
    }

    /** With the aliases pointing at the version, in name order. */
    public static VersionWire of(ModelVersion v, List<AliasName> aliases) {
        return new VersionWire(v.model().value(), v.number().value(), v.stage().label(), v.source().value(),
                v.artifactDigest().map(Digest::value).orElse(null), v.lineage().runId(), v.lineage().datasetVersion(),
                v.lineage().codeVersion(), v.metrics().values(), v.params().values(), v.description().text(),
                v.tags().values(), v.createdBy().name(), v.createdAt().toString(), v.updatedAt().toString(),
                aliases == null ? null : aliases.stream().sorted().map(AliasName::value).toList());
    }

    /** The aliases of a model pointing at one version, in name order. */
    public static List<AliasName> aliasesOf(Map<AliasName, VersionNumber> aliases, VersionNumber number) {
        return aliases.entrySet().stream().filter(e -> e.getValue().equals(number)).map(Map.Entry::getKey).sorted().toList();
    }

    public ModelVersion toDomain() {
        return new ModelVersion(ModelName.of(model), VersionNumber.of(version), SourceUri.of(source),
                digest == null ? null : Digest.parse(digest), new Lineage(runId, datasetVersion, codeVersion),
                Metrics.of(Map.copyOf(metrics)), Params.of(Map.copyOf(params)), Description.of(description),
                Tags.of(Map.copyOf(tags)), Stage.parse(stage), Principal.of(createdBy), Instant.parse(createdAt),
                Instant.parse(updatedAt));
    }
}
