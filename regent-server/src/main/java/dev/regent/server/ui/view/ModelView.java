package dev.regent.server.ui.view;

import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.ModelOverview;
import java.util.List;

/**
 * The model page: its overview, one page of versions (newest first; filtered by stage, run id and tag when
 * {@code filtered}), the stage timeline, the model's recent events (newest first; {@code olderEvents} pages on), the
 * policy in effect, and which forms the signed-in principal may use.
 */
public record ModelView(Frame frame, ModelOverview overview, List<ModelVersion> versions, String olderVersions,
                        String newerVersions, String stage, String run, String tag, boolean filtered,
                        List<TimelineItem> timeline, List<EventItem> events, String olderEvents, String newestEvents,
                        String policyRevision, String policyOverride, List<TargetPolicy> policy,
                        boolean canRollback, boolean canSetAlias) {
    /** The stages a version filter can ask for. */
    public List<String> stages() {
        return java.util.Arrays.stream(dev.regent.core.model.Stage.values()).map(dev.regent.core.model.Stage::label).toList();
    }

    /** The aliases pointing at a version, comma-separated. */
    public String aliasesOf(dev.regent.core.model.VersionNumber number) {
        return overview.aliases().entrySet().stream().filter(e -> e.getValue().equals(number))
                .map(e -> e.getKey().value()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The model's tags as the edit form shows them: one key=value a line. */
    public String tagLines() {
        return overview.model().tags().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
