package dev.regent.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One immutable registration of a trained artifact under a model. Source, digest, lineage, metrics and params
 * are fixed at registration; only description, tags and stage change afterwards (each change audited).
 */
public record ModelVersion(ModelName model, VersionNumber number, SourceUri source, Digest digest, Lineage lineage,
                           Metrics metrics, Params params, Description description, Tags tags, Stage stage,
                           Principal createdBy, Instant createdAt, Instant updatedAt) {
    public ModelVersion {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        // stores keep milliseconds; truncating here makes "read back equals written" hold on every database
        createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
        updatedAt = Instant.ofEpochMilli(updatedAt.toEpochMilli());
    }

    /** The artifact digest, when one was recorded at registration. */
    public Optional<Digest> artifactDigest() {
        return Optional.ofNullable(digest);
    }

    public VersionRef ref() {
        return new VersionRef(model, number);
    }

    public ModelVersion withAnnotations(Description newDescription, Tags newTags, Instant at) {
        return new ModelVersion(model, number, source, digest, lineage, metrics, params, newDescription, newTags, stage,
                createdBy, createdAt, at);
    }

    public ModelVersion withStage(Stage newStage, Instant at) {
        return new ModelVersion(model, number, source, digest, lineage, metrics, params, description, tags, newStage,
                createdBy, createdAt, at);
    }
}
