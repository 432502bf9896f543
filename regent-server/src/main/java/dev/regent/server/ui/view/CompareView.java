package dev.regent.server.ui.view;

import dev.regent.core.model.ModelName;
import dev.regent.core.model.ModelVersion;
import java.util.List;

/**
 * Two or more versions of a model side by side: one column per version, one row per fact (lineage and digests,
 * metrics, params, card, evidence, compliance tags), each row marked when its values differ; and each later
 * version's card as a line diff against the first one's.
 */
public record CompareView(Frame frame, ModelName model, List<ModelVersion> versions, List<Row> facts, List<Row> metrics,
                          List<Row> params, List<Row> evidence, List<Row> complianceTags, List<CardDiff> cardDiffs) {
    /** One value in a row; {@code href} (already checked: a path of this site or an http(s) URL) makes it a link. */
    public record Cell(String text, String href, boolean code) {
        public static Cell text(String text) {
            return new Cell(text == null || text.isEmpty() ? "—" : text, null, false);
        }
    }

    /** A fact across the versions; {@code differs} when not every version has the same value. */
    public record Row(String label, List<Cell> cells, boolean differs) {
        public static Row of(String label, List<Cell> cells) {
            return new Row(label, cells, cells.stream().map(Cell::text).distinct().count() > 1);
        }
    }

    /** The card of {@code version} against the first version's: the line diff, or a note when it cannot be one. */
    public record CardDiff(String from, String to, List<LineDiff.Line> lines, String note) {
        public boolean changed() {
            return LineDiff.changed(lines);
        }
    }

    public long differing(List<Row> rows) {
        return rows.stream().filter(Row::differs).count();
    }
}
