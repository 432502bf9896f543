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
    }

    public Model withAnnotations(Description newDescription, Tags newTags, Instant at) {
        return new Model(name, newDescription, newTags, createdBy, createdAt, at);
    }
}
