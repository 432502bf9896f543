package dev.regent.server.ui.view;

import java.util.List;
import java.util.Map;

/**
 * The models page: the filters and order as given (sort and dir null for the default order: name A to Z), one page
 * of rows, the links to the pages around it, and per sortable column the link that sorts by it and its aria-sort.
 */
public record ModelsView(Frame frame, String name, String tag, String stage, List<String> stages, List<ModelRow> rows,
                         String previous, String next, String sort, String dir, Map<String, String> sortLinks,
                         Map<String, String> ariaSort, boolean canCreate) {
    /** The arrow after a sorted column's header: ▲ ascending, ▼ descending, nothing when not sorted by it. */
    public String arrow(String column) {
        return switch (ariaSort.getOrDefault(column, "none")) {
            case "ascending" -> " ▲";
            case "descending" -> " ▼";
            default -> "";
        };
    }
}
