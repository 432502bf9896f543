package dev.regent.mcp;

import dev.regent.core.event.FeedItem;
import dev.regent.core.registry.Registry;
import dev.regent.core.registry.WebhookFacet;
import java.util.List;

/**
 * The registry's change feed as the MCP server follows it for resource subscriptions: the same events webhooks are
 * sent (the outbox), read in-process. The follower decides per subscriber what it may be told, so the feed itself is
 * unfiltered.
 */
public interface ChangeFeed {

    /** The sequence number of the newest event now: a follower starting now tells of what comes after. */
    long head();

    /** Changes after {@code afterSeq} in seq order, at most {@code limit}. */
    List<ResourceChange> after(long afterSeq, int limit);

    /** The feed of an in-process registry (local mode, and {@code regent serve}). */
    static ChangeFeed of(Registry registry) {
        WebhookFacet facet = registry.webhooks();
        return new ChangeFeed() {
            @Override
            public long head() {
                return facet.lastEventSeq();
            }

            @Override
            public List<ResourceChange> after(long afterSeq, int limit) {
                return facet.changes(afterSeq, limit).stream().map(ChangeFeed::change).toList();
            }
        };
    }

    /** The model and, when the event names one, the version an event changed; nothing for registry-wide events. */
    private static ResourceChange change(FeedItem item) {
        String model = item.event().model();
        String target = item.entry().target();
        int slash = target.indexOf('/');
        // model/3 is a change of the version itself; a stage or an alias moved names its version in "after"
        String version = model.isEmpty() ? null : slash > 0 ? target.substring(slash + 1) : item.entry().after().get("version");
        Long number = version != null && version.matches("[0-9]{1,10}") ? Long.valueOf(version) : null;
        return new ResourceChange(item.event().seq(), model, number);
    }
}
