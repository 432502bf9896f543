package dev.regent.server.ui.view;

import dev.regent.core.policy.PolicyRevision;
import java.util.List;

/**
 * Two policy revisions compared: {@code meaning} is the canonical lines diff (what {@code policy apply}'s dry run
 * shows: what gates require, however the YAML is written), {@code text} the YAML's line diff; {@code history} every
 * revision (oldest first) to pick others from; {@code inEffect} the number of the revision in effect.
 */
public record PolicyDiffView(Frame frame, List<PolicyRevision> history, PolicyRevision from, PolicyRevision to, int inEffect,
                             List<LineDiff.Line> meaning, List<LineDiff.Line> text) {
    public boolean meaningChanged() {
        return !meaning.isEmpty();
    }

    public boolean textChanged() {
        return LineDiff.changed(text);
    }
}
