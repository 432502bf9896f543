package dev.regent.core.registry;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.Model;
import dev.regent.core.model.Stage;
import dev.regent.core.model.VersionNumber;
import java.util.Map;
import java.util.SortedMap;

/** A model with what people ask about it first: which versions hold the exclusive stages, and its aliases. */
public record ModelOverview(Model model, int liveVersions, VersionNumber latest, Map<Stage, VersionNumber> stageHolders,
                            SortedMap<AliasName, VersionNumber> aliases) {
    public ModelOverview {
        stageHolders = Map.copyOf(stageHolders);
    }
}
