package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.Description;
import dev.regent.core.model.Model;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.Principal;
import dev.regent.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A model as listed: {@code name, description, tags, created_by, created_at, updated_at} (as {@code model list --json}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelWire(String name, String description, SortedMap<String, String> tags, String createdBy, String createdAt,
                        String updatedAt) {
    public ModelWire {
        tags = tags == null ? new TreeMap<>() : new TreeMap<>(tags);
    }

    public static ModelWire of(Model m) {
        return new ModelWire(m.name().value(), m.description().text(), m.tags().values(), m.createdBy().name(),
                m.createdAt().toString(), m.updatedAt().toString());
    }

    public Model toDomain() {
        return new Model(ModelName.of(name), Description.of(description), Tags.of(Map.copyOf(tags)), Principal.of(createdBy),
                Instant.parse(createdAt), Instant.parse(updatedAt));
    }
}
