package dev.regent.server.ui;

import dev.regent.core.error.RegentException;
import dev.regent.core.search.Sort;
import java.util.List;
import java.util.Locale;

/**
 * The models list's order, from its query parameters {@code sort} (name, modified, created) and {@code dir} (asc,
 * desc): done by the registry's search, so each page of a sorted list is a stable slice of the whole list.
 */
record ModelsSort(String column, boolean ascending) {
    static final ModelsSort DEFAULT = new ModelsSort("name", true);
    static final List<String> COLUMNS = List.of("name", "modified", "created");

    static ModelsSort parse(String rawColumn, String rawDir) {
        String column = rawColumn == null || rawColumn.isBlank() ? "name" : rawColumn.trim().toLowerCase(Locale.ROOT);
        if (!COLUMNS.contains(column)) {
            throw RegentException.invalid("models can be sorted by name, modified or created, not '"
                    + dev.regent.core.text.ReadableText.escapeInline(rawColumn) + "'");
        }
        String dir = rawDir == null || rawDir.isBlank() ? null : rawDir.trim().toLowerCase(Locale.ROOT);
        if (dir != null && !dir.equals("asc") && !dir.equals("desc")) {
            throw RegentException.invalid("the sort direction is asc or desc, not '" + dev.regent.core.text.ReadableText.escapeInline(rawDir) + "'");
        }
        // names read A to Z by default; dates newest first, which is what someone sorting by a date wants to see
        boolean ascending = dir == null ? column.equals("name") : dir.equals("asc");
        return new ModelsSort(column, ascending);
    }

    /** The registry's ordering term. */
    Sort sort() {
        Sort.Key key = switch (column) {
            case "modified" -> Sort.Key.UPDATED_AT;
            case "created" -> Sort.Key.CREATED_AT;
            default -> Sort.Key.NAME;
        };
        return new Sort(key, ascending);
    }

    /** The query values of this order, or nulls for the default (so default links stay short). */
    String columnParam() {
        return equals(DEFAULT) ? null : column;
    }

    String dirParam() {
        return equals(DEFAULT) ? null : ascending ? "asc" : "desc";
    }

    /** What a click on {@code column}'s header asks for: the other direction if it is this order's column. */
    ModelsSort toggled(String other) {
        if (other.equals(column)) {
            return new ModelsSort(column, !ascending);
        }
        return new ModelsSort(other, other.equals("name"));
    }

    /** The header's {@code aria-sort} value for {@code other}: ascending, descending or none. */
    String ariaSort(String other) {
        return !other.equals(column) ? "none" : ascending ? "ascending" : "descending";
    }
}
