package dev.regent.core.search;

import java.util.List;

/** One window of a search's results and whether more follow it. */
public record Found<T>(List<T> items, boolean more) {
    public Found {
        items = List.copyOf(items);
    }
}
