package dev.regent.server.ui.view;

import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.ModelOverview;
import java.util.List;

/**
 * The model page: its overview, one page of versions (newest first), the stage timeline, the policy in effect,
 * and which forms the signed-in principal may use.
 */
public record ModelView(Frame frame, ModelOverview overview, List<ModelVersion> versions, String olderVersions,
                        List<TimelineItem> timeline, String policyRevision, String policyOverride, List<TargetPolicy> policy,
                        boolean canRollback, boolean canSetAlias) {
    /** The aliases pointing at a version, comma-separated. */
    public String aliasesOf(dev.regent.core.model.VersionNumber number) {
        return overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number))
                .map(e -> e.getKey().value()).collect(java.util.stream.Collectors.joining(", "));
    }
}
