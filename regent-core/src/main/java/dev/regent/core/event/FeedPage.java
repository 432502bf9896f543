package dev.regent.core.event;

import java.util.List;

/**
 * A page of the event feed: the events the caller may read, and the sequence number to continue after (the last one
 * looked at, which may be past the last item when events the caller may not read were skipped).
 */
public record FeedPage(List<FeedItem> items, long next) {
    public FeedPage {
        items = List.copyOf(items);
    }
}
