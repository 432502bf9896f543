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

    /** Changes after {@code afterSeq} in seq order, at most {@code limit}, and where to continue. */
    Page after(long afterSeq, int limit);

    /**
     * Changes and the sequence number to continue after: past the last change when events the reader may not see were
     * skipped, so a follower never reads the same unseen stretch again.
     */
    record Page(List<ResourceChange> changes, long next) {
        public Page {
            changes = List.copyOf(changes);
        }
    }

    /** The feed of an in-process registry (local mode, and {@code regent serve}). */
    static ChangeFeed of(Registry registry) {
        WebhookFacet facet = registry.webhooks();
        return new ChangeFeed() {
            @Override
            public long head() {
                return facet.lastEventSeq();
            }

            @Override
            public Page after(long afterSeq, int limit) {
                List<ResourceChange> changes = facet.changes(afterSeq, limit).stream().map(ChangeFeed::change).toList();
                return new Page(changes, changes.isEmpty() ? afterSeq : changes.get(changes.size() - 1).seq());
            }
        };
    }

    /**
     * The feed of a remote registry ({@code regent mcp --registry URL}): {@code GET /api/v1/events} as the token's
     * principal, so it holds only the events of models that principal may read.
     */
    static ChangeFeed remote(dev.regent.client.WebhookClient hooks) {
        return new ChangeFeed() {
            @Override
            public long head() {
                long cursor = 0;
                for (int pages = 0; pages < 1_000_000; pages++) {
                    dev.regent.api.WebhookWires.Events page = hooks.events(cursor, WebhookFacet.MAX_FEED_PAGE, null, 0);
                    if (page.events().isEmpty() && page.next() <= cursor) {
                        break;
                    }
                    cursor = Math.max(cursor, page.next());
                }
                return cursor;
            }

            @Override
            public Page after(long afterSeq, int limit) {
                dev.regent.api.WebhookWires.Events page = hooks.events(afterSeq, limit, null, 0);
                return new Page(page.events().stream().map(ChangeFeed::change).toList(), Math.max(afterSeq, page.next()));
            }
        };
    }

    /** A change from an event as the JSON feed serves it (seq, model, target, after). */
    private static ResourceChange change(java.util.Map<String, Object> event) {
        long seq = ((Number) event.get("seq")).longValue();
        String model = event.get("model") == null ? "" : String.valueOf(event.get("model"));
        String target = String.valueOf(event.get("target"));
        Object after = event.get("after") instanceof java.util.Map<?, ?> fields
                ? (fields.get("version") != null ? fields.get("version") : fields.get("holder")) : null;
        return change(seq, model, target, after == null ? null : String.valueOf(after));
    }

    /** The model and, when the event names one, the version an event changed; nothing for registry-wide events. */
    private static ResourceChange change(FeedItem item) {
        java.util.Map<String, String> after = item.entry().after();
        // an alias set names its version in "version", a rollback the version restored in "holder"
        return change(item.event().seq(), item.event().model(), item.entry().target(),
                after.getOrDefault("version", after.get("holder")));
    }

    private static ResourceChange change(long seq, String model, String target, String afterVersion) {
        int slash = target.indexOf('/');
        // model/3 is a change of the version itself (a promotion too); an alias or a rollback names its version in "after"
        String version = model.isEmpty() ? null : slash > 0 ? target.substring(slash + 1) : afterVersion;
        Long number = version != null && version.matches("[0-9]{1,10}") ? Long.valueOf(version) : null;
        return new ResourceChange(seq, model, number);
    }
}
