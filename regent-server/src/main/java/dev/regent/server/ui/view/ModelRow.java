package dev.regent.server.ui.view;

import dev.regent.core.model.AliasName;
import dev.regent.core.model.Model;
import dev.regent.core.model.VersionNumber;
import java.util.SortedMap;

/** One line of the models list: the model and who holds Production and Staging, its aliases and its size. */
public record ModelRow(Model model, VersionNumber production, VersionNumber staging, SortedMap<AliasName, VersionNumber> aliases,
                       int liveVersions, VersionNumber latest) {
}
