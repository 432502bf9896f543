package dev.regent.server.ui.view;

import dev.regent.core.approval.ApprovalView;
import dev.regent.core.card.CardRevision;
import dev.regent.core.evidence.Evidence;
import dev.regent.core.model.ModelVersion;
import dev.regent.core.registry.TagSupport;
import java.util.List;

/**
 * The version page: lineage and metadata, the card (its HTML already rendered and sanitized by the core's
 * commonmark renderer), evidence, compliance tags with their evidence, approvals with staleness, a gate checklist
 * per target, and which forms the signed-in principal may use.
 */
public record VersionView(Frame frame, ModelVersion version, String aliases, CardRevision card, String cardHtml,
                          List<String> cardSections, List<Evidence> evidence, List<TagSupport> complianceTags,
                          List<ApprovalView> approvals, List<Checklist> checklists, List<String> targets,
                          boolean canDecide, boolean canPromote, List<String> complianceTagNames,
                          List<String> evidenceKinds, java.util.Map<String, List<String>> tagKinds,
                          String runLink, String sourceLink) {

    /** The forms on this page that fix a failing gate, as the viewer may use them. */
    public FixLinks fixes() {
        String model = ModelPaths.model(version.model());
        return new FixLinks(model + "/versions/" + version.number(), model, canPromote, canDecide);
    }

    /** The version's tags as the edit form shows them: one key=value a line. */
    public String tagLines() {
        return version.tags().values().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The compliance tags a piece of evidence can back under the policy in effect ("" when none). */
    public String supports(Evidence e) {
        List<String> tags = tagKinds.entrySet().stream().filter(t -> t.getValue().contains(e.kind().value()))
                .map(java.util.Map.Entry::getKey).sorted().toList();
        return tags.isEmpty() ? "supports no compliance tag" : "supports " + String.join(", ", tags);
    }
}
