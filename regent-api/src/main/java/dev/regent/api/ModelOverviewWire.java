package dev.regent.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.regent.core.model.AliasName;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import dev.regent.core.registry.ModelOverview;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A model with its stage holders and aliases, as {@code model show --json}: the model's fields, then
 * {@code versions} (live count), {@code latest_version} (null when none), {@code stages} (label → version, in stage
 * order) and {@code aliases} (name → version).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelOverviewWire(String name, String description, SortedMap<String, String> tags, String createdBy,
                                String createdAt, String updatedAt, int versions, Integer latestVersion,
                                Map<String, Integer> stages, SortedMap<String, Integer> aliases) {
    public ModelOverviewWire {
        tags = tags == null ? new TreeMap<>() : new TreeMap<>(tags);
        stages = stages == null ? new LinkedHashMap<>() : new LinkedHashMap<>(stages);
        aliases = aliases == null ? new TreeMap<>() : new TreeMap<>(aliases);
    }

    public static ModelOverviewWire of(ModelOverview o) {
        ModelWire m = ModelWire.of(o.model());
        Map<String, Integer> stages = new LinkedHashMap<>();
        o.stageHolders().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> stages.put(e.getKey().label(), e.getValue().value()));
        SortedMap<String, Integer> aliases = new TreeMap<>();
        o.aliases().forEach((k, v) -> aliases.put(k.value(), v.value()));
        return new ModelOverviewWire(m.name(), m.description(), m.tags(), m.createdBy(), m.createdAt(), m.updatedAt(),
                o.liveVersions(), o.latest() == null ? null : o.latest().value(), stages, aliases);
    }

    /** The model part alone. */
    public ModelWire model() {
        return new ModelWire(name, description, tags, createdBy, createdAt, updatedAt);
    }

    public ModelOverview toDomain() {
        Map<Stage, VersionNumber> holders = new EnumMap<>(Stage.class);
        stages.forEach((k, v) -> holders.put(Stage.parse(k), VersionNumber.of(v)));
        SortedMap<AliasName, VersionNumber> domainAliases = new TreeMap<>();
        aliases.forEach((k, v) -> domainAliases.put(AliasName.of(k), VersionNumber.of(v)));
        return new ModelOverview(model().toDomain(), versions, latestVersion == null ? null : VersionNumber.of(latestVersion),
                holders, domainAliases);
    }
}
