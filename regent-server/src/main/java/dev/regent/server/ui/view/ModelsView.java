package dev.regent.server.ui.view;

import java.util.List;

/** The models page: the filters as given, one page of rows, and the links to the pages around it. */
public record ModelsView(Frame frame, String name, String tag, String stage, List<String> stages, List<ModelRow> rows,
                         String previous, String next, boolean canCreate) {
}
