package dev.regent.server.ui.view;

import dev.regent.core.card.CardRevision;
import dev.regent.core.model.ModelName;
import dev.regent.core.model.VersionNumber;
import java.util.List;

/** A version's card revisions (newest first) and the diff between {@code from} and {@code to} (null when no card). */
public record CardRevisionsView(Frame frame, ModelName model, VersionNumber version, List<CardRevision> revisions,
                                CardRevision from, CardRevision to, List<LineDiff.Line> diff) {
    public boolean changed() {
        return LineDiff.changed(diff);
    }
}
