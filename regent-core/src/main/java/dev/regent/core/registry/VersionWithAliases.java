package dev.regent.core.registry;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.ModelVersion;
import java.util.List;
import java.util.Objects;

/** A version and the names of the aliases that point at it, as {@code version show} prints them. */
public record VersionWithAliases(ModelVersion version, List<AliasName> aliases) {
    public VersionWithAliases {
        Objects.requireNonNull(version, "version");
        aliases = List.copyOf(aliases);
    }
}
