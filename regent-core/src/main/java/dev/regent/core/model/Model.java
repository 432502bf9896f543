package dev.regent.core.model;

import java.time.Instant;
import java.util.Objects;

/** A registered model: a name under which versions are numbered. */
public record Model(ModelName name, Description description, Tags tags, Principal createdBy, Instant createdAt,
                    Instant updatedAt) {
    public Model {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(tags, "tags");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        // stores keep milliseconds; truncating here makes "read back equals written" hold on every database
        createdAt = Instant.ofEpochMilli(createdAt.toEpochMilli());
        updatedAt = Instant.ofEpochMilli(updatedAt.toEpochMilli());
    }

    public Model withAnnotations(Description newDescription, Tags newTags, Instant at) {
        return new Model(name, newDescription, newTags, createdBy, createdAt, at);
    }
}
